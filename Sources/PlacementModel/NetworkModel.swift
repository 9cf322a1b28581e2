/// Network between hosts, for migration cost.
public struct NetworkModel: Sendable, Hashable {
    /// A link between two sites with its own bandwidth.
    public struct Link: Sendable, Hashable {
        public var siteA: String
        public var siteB: String
        public var bandwidthMiBps: Double
        /// Whether the two sites share storage (if not, local disks are copied).
        public var sharedStorage: Bool
        /// Whether the two sites are in one IP subnet (if not, IP reconfiguration is needed).
        public var sameSubnet: Bool
        public init(siteA: String, siteB: String, bandwidthMiBps: Double, sharedStorage: Bool = false,
                    sameSubnet: Bool = false) {
            self.siteA = siteA
            self.siteB = siteB
            self.bandwidthMiBps = bandwidthMiBps
            self.sharedStorage = sharedStorage
            self.sameSubnet = sameSubnet
        }
    }
    /// Bandwidth available to one migration inside a site, MiB/s (default 125 ≈ 1 Gbit/s).
    public var bandwidthMiBps: Double
    public var links: [Link]
    public init(bandwidthMiBps: Double = 125, links: [Link] = []) {
        self.bandwidthMiBps = bandwidthMiBps
        self.links = links
    }

    /// The link between two distinct sites, if one is declared.
    public func link(between a: String?, _ b: String?) -> Link? {
        guard let a, let b, a != b else { return nil }
        return links.first { ($0.siteA == a && $0.siteB == b) || ($0.siteA == b && $0.siteB == a) }
    }
}
