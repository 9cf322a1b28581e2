/// Power state of a physical machine.
public enum HostState: String, Sendable, CaseIterable, Codable {
    /// Running; may receive VMs.
    case on
    /// Switched off; may receive VMs, which means switching it on (its open cost is paid).
    case off
    /// In maintenance: must hold no VM.
    case maintenance
}
