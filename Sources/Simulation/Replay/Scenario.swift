/// Events replayed with the traces: VM arrivals and departures, host maintenance.
///
/// Text format, one event per line; a line whose first non-blank character is `#` is a comment:
///
///     # step  event        subject
///     12      arrive       vm-name      (the VM exists from step 12 on; before, it is absent)
///     200     depart       vm-name      (the VM leaves at step 200)
///     100     maintenance  17           (host 17, 0-based, is evacuated and receives nothing)
///     150     return       17           (host 17 may be used again)
///
/// Steps are 0-based sample indices of the traces; VM names are trace names (which may not
/// contain spaces here — use the VM's index `#12` for those). Errors name the line.
public struct Scenario: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case arrive, depart, maintenance
        case returnToService = "return"
        /// A host of the instance joins at this step (before, it holds nothing and draws nothing).
        case addHost = "add-host"
    }
    public struct Event: Sendable, Hashable {
        public var step: Int
        public var action: Action
        /// VM name (arrive/depart) or host index (maintenance/return) as written.
        public var subject: String
        public var line: Int
        public init(step: Int, action: Action, subject: String, line: Int = 0) {
            self.step = step
            self.action = action
            self.subject = subject
            self.line = line
        }
    }

    public var events: [Event]
    public init(events: [Event] = []) { self.events = events }

    public static func parse(_ text: String, file: String = "scenario") throws -> Scenario {
        var events: [Event] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard fields.count == 3 else {
                throw TraceError(file: file, line: index + 1, message: "expected '<step> <event> <subject>'")
            }
            guard let step = Int(fields[0]), step >= 0 else {
                throw TraceError(file: file, line: index + 1, message: "step '\(fields[0])' is not a non-negative integer")
            }
            guard let action = Action(rawValue: String(fields[1]).lowercased()) else {
                throw TraceError(file: file, line: index + 1,
                                 message: "unknown event '\(fields[1])' (arrive, depart, maintenance, return, add-host)")
            }
            if action == .maintenance || action == .returnToService || action == .addHost, Int(fields[2]) == nil {
                throw TraceError(file: file, line: index + 1, message: "host '\(fields[2])' is not an index")
            }
            events.append(Event(step: step, action: action, subject: String(fields[2]), line: index + 1))
        }
        return Scenario(events: events)
    }
}
