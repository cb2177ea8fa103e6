import KitCore
import KitModel
import XCTest

@testable import KitCreate

/// ConfigMaps and Secrets: sources, key checks, hashes, TLS key pairs — and that secret
/// values never reach a message.
final class DataTests: XCTestCase {
    let files = MemoryFileSystem(
        ["app.properties": "a=1\n", "conf/nginx.conf": "server {}\n", "conf/health": "ok",
         "app.env": "\u{FEFF}# comment\nMODE=prod\n\n  PORT=80\r\nEQ=a=b\nFROM_ENV\n", "bad.env": "GOOD=1\nhunter2 \n"],
        binary: ["logo.bin": [0x00, 0xFF], "bad-utf8.env": Array("TOKEN=".utf8) + [0xFF]],
        directories: ["conf": ["nginx.conf", "health", "sub"]])

    func testConfigMapSourcesInKubectlOrder() throws {
        let configMap = try Create.configMap(ConfigMapOptions(
            name: "c", fileSources: ["app.properties", "conf", "img=logo.bin"], literalSources: ["k=v=w", "empty="], fileSystem: files))
        XCTAssertEqual(json(configMap), #"{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"data":{"app.properties":"a=1\n","empty":"","health":"ok","k":"v=w","nginx.conf":"server {}\n"},"binaryData":{"img":"AP8="}}"#)
    }

    func testEnvFile() throws {
        let configMap = try Create.configMap(ConfigMapOptions(
            name: "c", envFileSources: ["app.env"], fileSystem: files, environment: { $0 == "FROM_ENV" ? "from the environment" : nil }))
        XCTAssertEqual(configMap.data["MODE"], "prod")
        XCTAssertEqual(configMap.data["PORT"], "80", "leading space and a CR before the newline go")
        XCTAssertEqual(configMap.data["EQ"], "a=b")
        XCTAssertEqual(configMap.data["FROM_ENV"], "from the environment")
        XCTAssertEqual(configMap.data.keys, ["EQ", "FROM_ENV", "MODE", "PORT"])
    }

    func testConfigMapErrorsAreKubectls() {
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", literalSources: ["a=1", "a=2"])) },
                       #"cannot add key "a", another key by that name already exists in Data for ConfigMap "c""#)
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", fileSources: ["a=logo.bin"], literalSources: ["a=2"], fileSystem: files)) },
                       #"cannot add key "a", another key by that name already exists in BinaryData for ConfigMap "c""#)
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", literalSources: ["..=x"])) },
                       #"".." is not a valid key name for a ConfigMap: must not be '..'"#)
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", literalSources: ["=x"])) }, "invalid literal source =x, expected key=value")
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", fileSources: ["k=conf"], fileSystem: files)) },
                       "cannot give a key name for a directory path")
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", envFileSources: ["conf"], fileSystem: files)) },
                       "env config file cannot be a directory")
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", envFileSources: ["nope.env"], fileSystem: files)) },
                       "error reading nope.env: no such file or directory")
    }

    func testSecretValuesNeverInMessages() {
        XCTAssertEqual(message { try Create.genericSecret(SecretOptions(name: "s", literalSources: ["hunter2"])) }?.contains("hunter2"), false)
        XCTAssertEqual(message { try Create.genericSecret(SecretOptions(name: "s", envFileSources: ["bad.env"], fileSystem: files)) }?.contains("hunter2"), false)
        let utf8 = message { try Create.genericSecret(SecretOptions(name: "s", envFileSources: ["bad-utf8.env"], fileSystem: files)) }
        XCTAssertEqual(utf8, "env file bad-utf8.env contains invalid utf8 bytes at line 1")
        // Nor a ConfigMap's: kubectl lists the line's bytes, kit names the line.
        XCTAssertEqual(message { try Create.configMap(ConfigMapOptions(name: "c", envFileSources: ["bad-utf8.env"], fileSystem: files)) },
                       "env file bad-utf8.env contains invalid utf8 bytes at line 1")
    }

    func testGenericSecret() throws {
        let secret = try Create.genericSecret(SecretOptions(name: "db", type: "Opaque", fileSources: ["logo.bin"], literalSources: ["user=admin"], fileSystem: files))
        XCTAssertEqual(json(secret), #"{"kind":"Secret","apiVersion":"v1","metadata":{"name":"db","creationTimestamp":null},"data":{"logo.bin":"AP8=","user":"YWRtaW4="},"type":"Opaque"}"#)
        XCTAssertEqual(message { try Create.genericSecret(SecretOptions(name: "s", literalSources: ["a=1", "a=2"])) },
                       "cannot add key a, another key by that name already exists")
    }

    func testAppendHashMatchesKubectl() throws {
        // Values from kubectl v1.32 (`--append-hash`).
        XCTAssertEqual(try Create.configMap(ConfigMapOptions(name: "c5", literalSources: ["a=b"], appendHash: true)).metadata.name, "c5-tdcm2892t9")
        XCTAssertEqual(try Create.configMap(ConfigMapOptions(name: "c5", appendHash: true)).metadata.name, "c5-2b49g8cdkc")
        XCTAssertEqual(try Create.genericSecret(SecretOptions(name: "s5", literalSources: ["a=b"], appendHash: true)).metadata.name, "s5-654htf9df4")
        XCTAssertEqual(try Create.genericSecret(SecretOptions(name: "s5", type: "kubernetes.io/basic-auth", literalSources: ["a=b"], appendHash: true)).metadata.name,
                       "s5-2tfg279dd6")
    }

    func testDockerConfigJSON() throws {
        let secret = try Create.dockerRegistrySecret(DockerRegistrySecretOptions(name: "r", username: "u", password: "p", server: "s"))
        XCTAssertEqual(json(secret), #"{"kind":"Secret","apiVersion":"v1","metadata":{"name":"r","creationTimestamp":null},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJzIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImF1dGgiOiJkVHB3In19fQ=="},"type":"kubernetes.io/dockerconfigjson"}"#)
        let config = String(decoding: Create.dockerConfigJSON(username: "u", password: "p&<>", email: "e@x", server: "reg.io"), as: UTF8.self)
        XCTAssertEqual(config, #"{"auths":{"reg.io":{"username":"u","password":"p\u0026\u003c\u003e","email":"e@x","auth":"dTpwJjw+"}}}"#)
        XCTAssertNotNil(message { try Create.dockerRegistrySecret(DockerRegistrySecretOptions(name: "r", username: "u")) })
    }

    func testTLSKeyPair() throws {
        let fs = MemoryFileSystem(["c.crt": TestKeys.certificate, "k.key": TestKeys.key, "o.key": TestKeys.otherKey, "both.pem": TestKeys.certificate + TestKeys.key])
        let secret = try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "c.crt", keyFile: "k.key", fileSystem: fs))
        XCTAssertEqual(secret.type, "kubernetes.io/tls")
        XCTAssertEqual(secret.data.keys, ["tls.crt", "tls.key"])
        XCTAssertNil(message { try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "both.pem", keyFile: "both.pem", fileSystem: fs)) },
                     "a combined PEM file serves as both")
        XCTAssertEqual(message { try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "c.crt", keyFile: "o.key", fileSystem: fs)) },
                       "tls: private key does not match public key")
        XCTAssertEqual(message { try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "k.key", keyFile: "c.crt", fileSystem: fs)) },
                       "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched")
        XCTAssertEqual(message { try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "c.crt", keyFile: "c.crt", fileSystem: fs)) },
                       "tls: found a certificate rather than a key in the PEM for the private key")
        XCTAssertEqual(message { try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "c.crt", keyFile: "", fileSystem: fs)) },
                       "key and cert must be specified")
        XCTAssertEqual(message { try Create.tlsSecret(TLSSecretOptions(name: "t", certFile: "c.crt", keyFile: "x.key", fileSystem: fs)) },
                       "Cannot read file x.key, open x.key: no such file or directory")
    }

    func testPEMDecoding() {
        let blocks = TLSKeyPair.decodePEM(Array(("junk\n" + TestKeys.certificate + "-----BEGIN BROKEN-----\nnot base64!\n-----END BROKEN-----\n" + TestKeys.key).utf8))
        XCTAssertEqual(blocks.map(\.type), ["CERTIFICATE", "PRIVATE KEY"])
    }

    func testDataSourceSyntax() throws {
        XCTAssertEqual(try DataSources.fileSource("dir/file.txt").key, "file.txt")
        XCTAssertEqual(try DataSources.fileSource("k=dir/file.txt").path, "dir/file.txt")
        XCTAssertEqual(message { try DataSources.fileSource("a=b=c") }, "key names or file paths cannot contain '='")
        XCTAssertEqual(message { try DataSources.fileSource("=p") }, "key name for file path p missing")
        XCTAssertEqual(message { try DataSources.fileSource("k=") }, "file path for key name k missing")
        XCTAssertEqual(DataSources.base("a/b/"), "b")
        XCTAssertEqual(DataSources.base(""), ".")
    }
}
