import Logging
import ServiceLifecycle

/// Pings systemd's watchdog (`WatchdogSec=` in the unit) at half its timeout, but only while the database's
/// writer answers: a daemon whose writes hang is restarted instead of being reported alive by a timer.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let interval: Duration
    let database: StationDatabase
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            try await gracefulShutdown(for: interval)
            guard !Task.isShuttingDownGracefully else { return }
            do {
                _ = try database.durabilitySettings()
                try notifier.notify(.watchdog)
            } catch {
                logger.error("watchdog not fed: \(error)")
            }
        }
    }
}

/// Sleeps for `duration`, returning early when a graceful shutdown begins.
private func gracefulShutdown(for duration: Duration) async throws {
    do {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    } catch is CancellationError {
        return
    }
}
