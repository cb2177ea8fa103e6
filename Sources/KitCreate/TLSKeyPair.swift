import Crypto
import KitCore

/// The check kubectl makes before `create secret tls` (Go's `tls.X509KeyPair`): the
/// certificate file has a `CERTIFICATE` PEM block, the key file a `… PRIVATE KEY` block, the
/// key parses (PKCS #1, PKCS #8 or SEC 1) and its public half is the certificate's. Messages
/// are Go's. The key's bytes never appear in a message.
///
/// Only what the comparison needs is decoded: the certificate's subject public key, and
/// the private key's public half — RSA moduli are compared directly, EC and Ed25519 public
/// keys are derived with swift-crypto.
enum TLSKeyPair {
    struct PEMBlock {
        var type: String
        var bytes: [UInt8]
    }

    static func check(certificatePEM: [UInt8], keyPEM: [UInt8]) throws(CreateError) {
        let certBlocks = decodePEM(certificatePEM)
        let certificates = certBlocks.filter { $0.type == "CERTIFICATE" }
        if certificates.isEmpty {
            let skipped = certBlocks.map(\.type)
            if skipped.isEmpty { throw CreateError("tls: failed to find any PEM data in certificate input") }
            if skipped.count == 1 && skipped[0].hasSuffix("PRIVATE KEY") {
                throw CreateError("tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched")
            }
            throw CreateError("tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [\(skipped.joined(separator: " "))]")
        }
        var skipped: [String] = []
        var keyBlock: PEMBlock?
        for block in decodePEM(keyPEM) {
            if block.type == "PRIVATE KEY" || block.type.hasSuffix(" PRIVATE KEY") {
                keyBlock = block
                break
            }
            skipped.append(block.type)
        }
        guard let keyBlock else {
            if skipped.isEmpty { throw CreateError("tls: failed to find any PEM data in key input") }
            if skipped == ["CERTIFICATE"] {
                throw CreateError("tls: found a certificate rather than a key in the PEM for the private key")
            }
            throw CreateError("tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [\(skipped.joined(separator: " "))]")
        }
        guard let publicKey = certificatePublicKey(certificates[0].bytes) else {
            throw CreateError("x509: malformed certificate")
        }
        guard let privateKey = privateKeyPublicHalf(keyBlock.bytes) else {
            throw CreateError("tls: failed to parse private key")
        }
        switch (publicKey, privateKey) {
        case (.rsa(let a), .rsa(let b)), (.ec(let a), .ec(let b)), (.ed25519(let a), .ed25519(let b)):
            if a != b { throw CreateError("tls: private key does not match public key") }
        case (.unknown, _):
            throw CreateError("tls: unknown public key algorithm")
        default:
            throw CreateError("tls: private key type does not match public key type")
        }
    }

    /// A public key reduced to what identifies it: an RSA modulus (no leading zeros), an
    /// uncompressed EC point with its curve, or an Ed25519 key.
    enum PublicKey: Equatable {
        case rsa([UInt8])
        case ec([UInt8])
        case ed25519([UInt8])
        case unknown
    }

    static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    static let ecPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    static let ed25519: [UInt8] = [0x2B, 0x65, 0x70]
    static let p256: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    static let p384: [UInt8] = [0x2B, 0x81, 0x04, 0x00, 0x22]
    static let p521: [UInt8] = [0x2B, 0x81, 0x04, 0x00, 0x23]

    /// The subject public key of a DER certificate.
    static func certificatePublicKey(_ der: [UInt8]) -> PublicKey? {
        guard let certificate = DER.element(der[...]), certificate.tag == 0x30,
              let tbs = DER.element(certificate.content), tbs.tag == 0x30 else { return nil }
        var fields = DER.elements(tbs.content)
        if fields.first?.tag == 0xA0 { fields.removeFirst() }  // version
        // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
        guard fields.count >= 6, fields[5].tag == 0x30 else { return nil }
        let spki = DER.elements(fields[5].content)
        guard spki.count == 2, spki[0].tag == 0x30, spki[1].tag == 0x03, let bits = spki[1].content.first, bits == 0 else { return nil }
        let key = Array(spki[1].content.dropFirst())
        let algorithm = DER.elements(spki[0].content)
        guard let oid = algorithm.first, oid.tag == 0x06 else { return nil }
        switch Array(oid.content) {
        case rsaEncryption:
            guard let sequence = DER.element(key[...]), sequence.tag == 0x30,
                  let modulus = DER.elements(sequence.content).first, modulus.tag == 0x02 else { return nil }
            return .rsa(trimmedInteger(modulus.content))
        case ecPublicKey:
            guard algorithm.count == 2, algorithm[1].tag == 0x06 else { return nil }
            return .ec(Array(algorithm[1].content) + key)
        case ed25519:
            return .ed25519(key)
        default:
            return .unknown
        }
    }

    /// The public half of a DER private key, tried as Go tries it: PKCS #1, PKCS #8, SEC 1.
    static func privateKeyPublicHalf(_ der: [UInt8]) -> PublicKey? {
        guard let outer = DER.element(der[...]), outer.tag == 0x30 else { return nil }
        let fields = DER.elements(outer.content)
        // PKCS #1 RSAPrivateKey: version 0, n, e, d, …
        if fields.count >= 9, fields.allSatisfy({ $0.tag == 0x02 }) {
            return .rsa(trimmedInteger(fields[1].content))
        }
        // PKCS #8: version, algorithm, OCTET STRING key.
        if fields.count >= 3, fields[0].tag == 0x02, fields[1].tag == 0x30, fields[2].tag == 0x04 {
            let algorithm = DER.elements(fields[1].content)
            guard let oid = algorithm.first, oid.tag == 0x06 else { return nil }
            switch Array(oid.content) {
            case rsaEncryption:
                return privateKeyPublicHalf(Array(fields[2].content)).flatMap { key in
                    if case .rsa = key { return key }
                    return nil
                }
            case ecPublicKey:
                guard algorithm.count == 2, algorithm[1].tag == 0x06 else { return nil }
                return ecPublicHalf(Array(fields[2].content), curve: Array(algorithm[1].content))
            case ed25519:
                guard let seed = DER.element(fields[2].content), seed.tag == 0x04, seed.content.count == 32,
                      let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed.content)) else { return nil }
                return .ed25519(Array(key.publicKey.rawRepresentation))
            default:
                return nil
            }
        }
        // SEC 1 ECPrivateKey with its curve.
        return ecPublicHalf(der, curve: nil)
    }

    /// The uncompressed public point of a SEC 1 EC private key (the curve from the key's own
    /// parameters, or from the PKCS #8 wrapper).
    static func ecPublicHalf(_ der: [UInt8], curve: [UInt8]?) -> PublicKey? {
        guard let outer = DER.element(der[...]), outer.tag == 0x30 else { return nil }
        let fields = DER.elements(outer.content)
        guard fields.count >= 2, fields[0].tag == 0x02, fields[1].tag == 0x04 else { return nil }
        var curveOID = curve
        for field in fields.dropFirst(2) where field.tag == 0xA0 {
            if let oid = DER.element(field.content), oid.tag == 0x06 { curveOID = Array(oid.content) }
        }
        guard let curveOID else { return nil }
        let scalar = Array(fields[1].content)
        func padded(_ size: Int) -> [UInt8]? {
            scalar.count > size ? nil : [UInt8](repeating: 0, count: size - scalar.count) + scalar
        }
        let point: [UInt8]?
        switch curveOID {
        case p256: point = padded(32).flatMap { try? P256.Signing.PrivateKey(rawRepresentation: $0) }.map { Array($0.publicKey.x963Representation) }
        case p384: point = padded(48).flatMap { try? P384.Signing.PrivateKey(rawRepresentation: $0) }.map { Array($0.publicKey.x963Representation) }
        case p521: point = padded(66).flatMap { try? P521.Signing.PrivateKey(rawRepresentation: $0) }.map { Array($0.publicKey.x963Representation) }
        default: point = nil
        }
        return point.map { .ec(curveOID + $0) }
    }

    static func trimmedInteger(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(bytes.drop { $0 == 0 })
    }

    /// The PEM blocks of `data` in order, as repeated calls of Go's `pem.Decode` find them
    /// (a block whose end line or base64 is broken is skipped).
    static func decodePEM(_ data: [UInt8]) -> [PEMBlock] {
        let begin = Array("-----BEGIN ".utf8)
        let dashes = Array("-----".utf8)
        var blocks: [PEMBlock] = []
        var i = 0
        func hasPrefix(_ p: [UInt8], at j: Int) -> Bool {
            j + p.count <= data.count && Array(data[j..<(j + p.count)]) == p
        }
        func lineEnd(from j: Int) -> Int {
            var k = j
            while k < data.count && data[k] != 10 { k += 1 }
            return k
        }
        while i < data.count {
            // A BEGIN line starts the input or follows a newline.
            guard hasPrefix(begin, at: i) && (i == 0 || data[i - 1] == 10) else {
                i += 1
                continue
            }
            let typeStart = i + begin.count
            let typeLineEnd = lineEnd(from: typeStart)
            var typeLine = Array(data[typeStart..<typeLineEnd])
            while let last = typeLine.last, last == 13 || last == 32 || last == 9 { typeLine.removeLast() }
            guard typeLine.count >= dashes.count, Array(typeLine.suffix(dashes.count)) == dashes else {
                i = typeStart
                continue
            }
            let type = Array(typeLine.dropLast(dashes.count))
            var j = typeLineEnd + 1
            // Header lines (`Key: value`) come before the base64.
            while j < data.count {
                let e = lineEnd(from: j)
                if data[j..<e].contains(UInt8(ascii: ":")) { j = e + 1 } else { break }
            }
            let end = Array("-----END ".utf8) + type + dashes
            var k = j
            var found: Int?
            while k < data.count {
                if hasPrefix(end, at: k) && (k == j || data[k - 1] == 10) {
                    found = k
                    break
                }
                k += 1
            }
            guard let endAt = found else {
                i = typeStart
                continue
            }
            let body = data[min(j, endAt)..<endAt].filter { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
            guard let bytes = Base64.decode(body) else {
                i = typeStart
                continue
            }
            blocks.append(PEMBlock(type: String(decoding: type, as: UTF8.self), bytes: bytes))
            i = lineEnd(from: endAt + end.count) + 1
        }
        return blocks
    }
}

/// Just enough DER to walk certificates and keys: tag, length, content.
enum DER {
    struct Element {
        var tag: UInt8
        var content: ArraySlice<UInt8>
        var rest: ArraySlice<UInt8>
    }

    static func element(_ b: ArraySlice<UInt8>) -> Element? {
        var i = b.startIndex
        guard i < b.endIndex else { return nil }
        let tag = b[i]
        i += 1
        guard i < b.endIndex else { return nil }
        var length = Int(b[i])
        i += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, i + count <= b.endIndex else { return nil }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(b[i])
                i += 1
            }
        }
        guard length >= 0, i + length <= b.endIndex else { return nil }
        return Element(tag: tag, content: b[i..<(i + length)], rest: b[(i + length)...])
    }

    static func elements(_ b: ArraySlice<UInt8>) -> [Element] {
        var out: [Element] = []
        var rest = b
        while !rest.isEmpty, let e = element(rest) {
            out.append(e)
            rest = e.rest
        }
        return out
    }
}
