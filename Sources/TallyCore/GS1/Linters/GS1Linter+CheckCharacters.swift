extension GS1Linter {
    /// `csum`: the last digit is the GS1 modulo-10 check digit of the digits before it.
    ///
    /// Weights alternate 3 and 1 from the right-most digit before the check digit
    /// (GS1 General Specifications §7.9.1; gs1-syntax-engine lint_csum.c).
    static func checkNumericCheckDigit(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        guard !bytes.isEmpty else { return GS1LintFailure(.tooShortForCheckDigit, offset: 0, length: 0) }
        let last = bytes.count - 1
        var weight = bytes.count % 2 == 0 ? 3 : 1
        var sum = 0
        for index in 0..<last {
            let byte = bytes[index]
            guard GS1LintBytes.isDigit(byte) else { return .character(.nonDigitCharacter, at: index, in: bytes) }
            sum += weight * GS1LintBytes.digit(byte)
            weight = 4 - weight
        }
        guard bytes.isDigit(at: last) else { return .character(.nonDigitCharacter, at: last, in: bytes) }
        let checkDigit = (10 - sum % 10) % 10
        guard bytes.digit(at: last) == checkDigit else {
            return GS1LintFailure(.incorrectCheckDigit, offset: last, length: 1, detail: .expected(String(checkDigit)))
        }
        return nil
    }

    /// `csumalpha`: the last two characters are the GS1 check character pair of the characters before them.
    ///
    /// Each data character's position in CSET 82 is weighted by a prime, the first prime for the right-most
    /// character; the sum modulo 1021 is split into two 5-bit halves, each written as a CSET 32 character
    /// (GS1 General Specifications §7.9.5; gs1-syntax-engine lint_csumalpha.c). Like the engine, this
    /// holds primes for at most 97 data characters, enough for the longest AI value.
    static func checkAlphanumericCheckPair(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        let count = bytes.count
        let primes = checkPairPrimes
        if count > primes.count + 2 {
            return .plain(.tooLongForCheckPairImplementation, bytes)
        }
        if count < 2 {
            return .plain(.tooShortForCheckPair, bytes)
        }
        let values = cset82Values
        var sum = 0
        for index in 0..<(count - 2) {
            let value = values[Int(bytes[index])]
            guard value != notInCSET82 else { return .character(.invalidCSET82Character, at: index, in: bytes) }
            sum += Int(value) * primes[count - 3 - index]
        }
        sum %= 1021
        let alphabet = checkPairAlphabet
        let first = alphabet[sum >> 5]
        let second = alphabet[sum & 31]
        guard bytes[count - 2] == first && bytes[count - 1] == second else {
            let pair = String(decoding: [first, second], as: UTF8.self)
            return GS1LintFailure(.incorrectCheckPair, offset: count - 2, length: 2, detail: .expected(pair))
        }
        return nil
    }

    /// The first 97 primes, the weights of the check character pair.
    private static let checkPairPrimes: [Int] = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71,
        73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173,
        179, 181, 191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281,
        283, 293, 307, 311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409,
        419, 421, 431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509,
    ]

    /// CSET 32, in the order of the values its characters stand for.
    private static let checkPairAlphabet: [UInt8] = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)

    private static let notInCSET82: UInt8 = 0xFF

    /// For each byte, its position in CSET 82 as ordered for check pairs, or `notInCSET82`.
    private static let cset82Values: [UInt8] = {
        let ordered = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
        var values = [UInt8](repeating: notInCSET82, count: 256)
        for (position, byte) in ordered.utf8.enumerated() {
            values[Int(byte)] = UInt8(position)
        }
        return values
    }()
}
