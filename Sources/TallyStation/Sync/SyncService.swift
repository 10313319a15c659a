import ServiceLifecycle

/// Runs the sync engine in tallyd's ServiceGroup; a shutdown stops it between requests or cancels the one under
/// way, which is safe: central applies what it received once, however often it arrives.
struct SyncService: Service {
    let engine: SyncEngine

    func run() async {
        await cancelWhenGracefulShutdown { await engine.run() }
    }
}
