import Hummingbird
import NIOCore

/// The request context of central's router: Hummingbird's basic one and the peer's address, which counts failed
/// sign-ins per address.
public struct CentralRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text, or `unknown` (a Unix socket).
    var peer: String { remoteAddress?.ipAddress ?? "unknown" }
}
