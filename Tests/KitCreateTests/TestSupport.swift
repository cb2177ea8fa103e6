import KitCore
import KitModel
import XCTest

@testable import KitCreate

/// Files in memory for the builders that read files.
struct MemoryFileSystem: SourceFileSystem {
    var files: [String: [UInt8]] = [:]
    var directories: [String: [String]] = [:]

    init(_ files: [String: String] = [:], binary: [String: [UInt8]] = [:], directories: [String: [String]] = [:]) {
        for (path, text) in files { self.files[path] = Array(text.utf8) }
        for (path, bytes) in binary { self.files[path] = bytes }
        self.directories = directories
    }

    func status(_ path: String) -> FileStatus {
        if files[path] != nil { return .regular }
        if directories[path] != nil { return .directory }
        return .failed("no such file or directory")
    }

    func read(_ path: String) throws(CreateError) -> [UInt8] {
        guard let bytes = files[path] else { throw CreateError("open \(path): no such file or directory") }
        return bytes
    }

    func entries(_ directory: String) throws(CreateError) -> [(name: String, isRegular: Bool)] {
        (directories[directory] ?? []).sorted().map { name in (name, files[directory + "/" + name] != nil) }
    }
}

/// The object as kubectl's `-o json` would print it, on one line: key order included.
func json(_ object: some KubernetesObjectModel) -> String {
    (try? JSONWriter(style: .kubectl, indent: 0).string(object.toValue())) ?? "<unwritable>"
}

func yaml(_ object: some KubernetesObjectModel) -> String {
    String(decoding: (try? CreateOutput.render(object, as: .yaml)) ?? [], as: UTF8.self)
}

/// The message a builder throws.
func message<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as CreateError {
        return error.message
    } catch {
        return "unexpected error: \(error)"
    }
}

/// Throwaway P-256 test material (generated with openssl for these tests only).
enum TestKeys {
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBgzCCASmgAwIBAgIUfR9ClTsyAU4c1aowR/NEkW/I8yswCgYIKoZIzj0EAwIw
        FjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wIBcNMjYxMTI5MDY1OTM2WhgPMjEyNjEx
        MDUwNjU5MzZaMBYxFDASBgNVBAMMC2V4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYI
        KoZIzj0DAQcDQgAE2v91Nzw+fNXNMQkGXm94Pxa5cjAsDocrwX8f4U7XIZ/98tcj
        d6W/YOaRMsq/v01w1wGmfNjXOETlXObX2aU1J6NTMFEwHQYDVR0OBBYEFOPSwT9a
        TWMNBZGVS23LOiddsFPDMB8GA1UdIwQYMBaAFOPSwT9aTWMNBZGVS23LOiddsFPD
        MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgDEx7KYW8fwNsU9HL
        7FaXrPaKRef06sH68W3y5JFAeuMCIQDxSrxlEkVarH/9i/WgfnYhAZ91nGEmBenB
        UEjhD7GtQw==
        -----END CERTIFICATE-----

        """
    static let key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg+3CNyI9jXmzPDcio
        d08C1VLRQITTboMcigJr2r/xl0ihRANCAATa/3U3PD581c0xCQZeb3g/FrlyMCwO
        hyvBfx/hTtchn/3y1yN3pb9g5pEyyr+/TXDXAaZ82Nc4ROVc5tfZpTUn
        -----END PRIVATE KEY-----

        """
    static let otherKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCSSyqiKx4Fd1mmav
        jTJAOVCWybXXo6If7KsbozGgu2GhRANCAAT7YrI3rer/Sy2pHQM8pXM7qd0Ry46z
        5lGtjxrvxbcJeFS5SJe+oTBBtoygWYJeg0SuJWdMi+mZU6ubkFBDVtd9
        -----END PRIVATE KEY-----

        """
}
