import Foundation
import InstanceFormats
import PlacementModel

/// What the `SUITE` arguments of `vmplace score` denote: folders (every `.json` / `.vbp` below,
/// recursively), glob patterns (`Instances/vbp/class1_*.vbp`), list files (one path per line,
/// relative to the list file; `#` comments) or single instance files.
public struct Suite: Sendable {
    public var name: String
    /// Members sorted by name (the order shards are cut from).
    public var members: [SuiteMember]

    public static var instanceExtensions: [String] { InstanceFormatRegistry.fileExtensions }
    static var extensionList: String { instanceExtensions.map { "." + $0 }.joined(separator: ", ") }

    /// Resolves suite arguments. Throws ``InvalidInput`` naming the argument that matches nothing,
    /// or two files with the same instance name.
    public static func resolve(_ arguments: [String]) throws(InvalidInput) -> Suite {
        var diagnostics: [Diagnostic] = []
        var paths: [String] = []
        var names: [String] = []
        let fileManager = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: argument, isDirectory: &isDirectory) {
                let url = URL(fileURLWithPath: argument)
                if isDirectory.boolValue {
                    names.append(url.standardizedFileURL.lastPathComponent)
                    let found = instanceFiles(under: argument)
                    if found.isEmpty { diagnostics.append(Diagnostic(.error, path: "", "no instance files (\(extensionList)) in this folder", file: argument)) }
                    paths += found
                } else if instanceExtensions.contains(url.pathExtension.lowercased()) {
                    names.append(url.deletingPathExtension().lastPathComponent)
                    paths.append(argument)
                } else {
                    names.append(url.deletingPathExtension().lastPathComponent)
                    do {
                        paths += try listFile(argument)
                    } catch let error as InvalidInput {
                        diagnostics += error.diagnostics
                    } catch {
                        diagnostics.append(Diagnostic(.error, path: "", "\(error)", file: argument))
                    }
                }
            } else if argument.contains("*") || argument.contains("?") || argument.contains("[") {
                let found = glob(argument).filter { instanceExtensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                if found.isEmpty { diagnostics.append(Diagnostic(.error, path: "", "the pattern matches no instance file (\(extensionList))", file: argument)) }
                let parent = URL(fileURLWithPath: argument).deletingLastPathComponent().standardizedFileURL.lastPathComponent
                names.append(parent.isEmpty ? "suite" : parent)
                paths += found
            } else {
                diagnostics.append(Diagnostic(.error, path: "", "no such file, folder or matching pattern", file: argument))
            }
        }
        var seen: [String: String] = [:]
        var members: [SuiteMember] = []
        for path in paths {
            let identity = InstanceIdentity(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
            if let other = seen[identity.name] {
                if URL(fileURLWithPath: other).standardizedFileURL != URL(fileURLWithPath: path).standardizedFileURL {
                    diagnostics.append(Diagnostic(.error, path: "", "instance name \"\(identity.name)\" is also used by \(other); names must be unique in a run", file: path))
                }
                continue
            }
            seen[identity.name] = path
            members.append(SuiteMember(path: path, identity: identity))
        }
        if !diagnostics.isEmpty { throw InvalidInput(diagnostics) }
        members.sort { $0.identity.name < $1.identity.name }
        var uniqueNames: [String] = []
        for name in names where !uniqueNames.contains(name) { uniqueNames.append(name) }
        return Suite(name: sanitise(uniqueNames.joined(separator: "+")), members: members)
    }

    /// A file-system-safe version of a suite or run name.
    public static func sanitise(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+.=")
        let cleaned = String(name.map { allowed.contains($0) ? $0 : "-" })
        return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "suite" : cleaned
    }

    static func instanceFiles(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let url = URL(fileURLWithPath: relative)
            if instanceExtensions.contains(url.pathExtension.lowercased()), !url.lastPathComponent.hasPrefix(".") {
                found.append((folder as NSString).appendingPathComponent(relative))
            }
        }
        return found.sorted()
    }

    static func listFile(_ path: String) throws -> [String] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InvalidInput([Diagnostic(.error, path: "", "cannot read the list file", file: path)])
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var result: [String] = []
        var problems: [Diagnostic] = []
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let resolved = line.hasPrefix("/") ? line : (base as NSString).appendingPathComponent(line)
            if FileManager.default.fileExists(atPath: resolved) {
                result.append(resolved)
            } else {
                problems.append(Diagnostic(.error, path: "", "listed instance \(line) does not exist", file: path, line: number + 1))
            }
        }
        if !problems.isEmpty { throw InvalidInput(problems) }
        return result
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let pointer = result.gl_pathv[i] { paths.append(String(cString: pointer)) }
        }
        return paths.sorted()
    }
}
