import Foundation

/// The one place tests find the public data sets of `../shared/data` (beside the package root).
/// Tests that need them skip with a message when they are absent, so the suite runs on a bare
/// clone with the sample in `Instances/`.
public enum SharedData {
    /// The package root (the folder holding `Package.swift`).
    public static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// `../shared/data` from the package root, standardised, or nil when it is absent.
    public static var root: String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// `../shared/data/<relative>` when it exists, or nil.
    public static func path(_ relative: String) -> String? {
        guard let root else { return nil }
        let path = URL(fileURLWithPath: root).appendingPathComponent(relative).standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// A file or folder of the bundled `Instances/` (always present in a clone).
    public static func instances(_ relative: String) -> String {
        packageRoot.appendingPathComponent("Instances").appendingPathComponent(relative).standardized.path
    }
}
