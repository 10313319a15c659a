extension GS1Linter {
    /// Digits that the shortest GS1 Company Prefix has (gs1-syntax-engine lint_gcppos1.c).
    static let companyPrefixMinimumLength = 4

    /// `gcppos1`: starts with a GS1 Company Prefix.
    ///
    /// Without a list of allocated prefixes to consult, this is gs1-syntax-engine lint_gcppos1.c's
    /// default: the first four characters are digits.
    static func checkCompanyPrefix(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        guard bytes.count >= companyPrefixMinimumLength else { return .plain(.tooShortForGCP, bytes) }
        for index in 0..<companyPrefixMinimumLength where !bytes.isDigit(at: index) {
            return .character(.invalidGCPPrefix, at: index, in: bytes)
        }
        return nil
    }

    /// `gcppos2`: a GS1 Company Prefix starts at the second character (gs1-syntax-engine lint_gcppos2.c).
    static func checkCompanyPrefixAfterFirstCharacter(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        guard bytes.count >= 2 else { return .plain(.tooShortForGCP, bytes) }
        return checkCompanyPrefix(bytes.part(1..<bytes.count))?.shifted(by: 1)
    }

    /// `zero` and `hyphen`: at least one byte, and all of them `expected`
    /// (gs1-syntax-engine lint_zero.c and lint_hyphen.c).
    static func checkAll(_ bytes: GS1LintBytes, are expected: UInt8, problem: GS1LintProblem) -> GS1LintFailure? {
        guard !bytes.isEmpty else { return .plain(problem, bytes) }
        return bytes.consists(of: expected) ? nil : .plain(problem, bytes)
    }

    /// `nonzero`: digits, not all of them 0 (gs1-syntax-engine lint_nonzero.c).
    static func checkNonZero(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        var hasNonZeroDigit = false
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard GS1LintBytes.isDigit(byte) else { return .character(.nonDigitCharacter, at: index, in: bytes) }
            if byte != UInt8(ascii: "0") { hasNonZeroDigit = true }
        }
        return hasNonZeroDigit ? nil : .plain(.illegalZeroValue, bytes)
    }

    /// `nozeroprefix`: digits, the first of them not 0 (gs1-syntax-engine lint_nozeroprefix.c).
    static func checkNoZeroPrefix(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        if !bytes.isEmpty && bytes[0] == UInt8(ascii: "0") {
            return GS1LintFailure(.illegalZeroPrefix, offset: 0, length: 1)
        }
        if let index = bytes.firstNonDigit() {
            return .character(.nonDigitCharacter, at: index, in: bytes)
        }
        return nil
    }

    /// `hasnondigit`: at least one byte that is not a digit (gs1-syntax-engine lint_hasnondigit.c).
    static func checkHasNonDigit(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        bytes.firstNonDigit() == nil ? .plain(.requiresNonDigitCharacter, bytes) : nil
    }

    /// `pieceoftotal`: a piece number then a total of equal width, neither zero, the piece not above the total
    /// (gs1-syntax-engine lint_pieceoftotal.c).
    static func checkPieceOfTotal(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        if let index = bytes.firstNonDigit() {
            return .character(.nonDigitCharacter, at: index, in: bytes)
        }
        guard !bytes.isEmpty && bytes.count % 2 == 0 else { return .plain(.invalidLengthForPieceOfTotal, bytes) }
        let width = bytes.count / 2
        let piece = bytes.part(0..<width)
        let total = bytes.part(width..<bytes.count)
        if piece.consists(of: UInt8(ascii: "0")) {
            return GS1LintFailure(.zeroPieceNumber, offset: 0, length: width)
        }
        if total.consists(of: UInt8(ascii: "0")) {
            return GS1LintFailure(.zeroTotalPieces, offset: width, length: width)
        }
        // Equal widths make digit-by-digit order the numeric order.
        if !total.sorts(before: piece) {
            return nil
        }
        return GS1LintFailure(
            .pieceNumberExceedsTotal, offset: 0, length: bytes.count, detail: .pair(piece.text, total.text))
    }

    /// `posinseqslash`: `position/end`, both without leading zeros, the position not after the end
    /// (gs1-syntax-engine lint_posinseqslash.c).
    static func checkPositionInSequence(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        var slash = 0
        while slash < bytes.count && bytes.isDigit(at: slash) { slash += 1 }
        guard slash > 0 && slash < bytes.count - 1 && bytes[slash] == UInt8(ascii: "/") else {
            return .plain(.positionInSequenceMalformed, bytes)
        }
        let position = bytes.part(0..<slash)
        let end = bytes.part((slash + 1)..<bytes.count)
        guard end.firstNonDigit() == nil else { return .plain(.positionInSequenceMalformed, bytes) }
        if position[0] == UInt8(ascii: "0") {
            return GS1LintFailure(.illegalZeroPrefix, offset: 0, length: position.count)
        }
        if end[0] == UInt8(ascii: "0") {
            return GS1LintFailure(.illegalZeroPrefix, offset: slash + 1, length: end.count)
        }
        // Without leading zeros, a longer number is a larger one.
        let isAfterEnd =
            position.count == end.count
            ? end.sorts(before: position)
            : position.count > end.count
        guard !isAfterEnd else {
            return GS1LintFailure(
                .positionExceedsEnd, offset: 0, length: bytes.count, detail: .pair(position.text, end.text))
        }
        return nil
    }

    /// `latitude` and `longitude`: ten digits, at most `maximum`
    /// (gs1-syntax-engine lint_latitude.c and lint_longitude.c).
    static func checkCoordinate(_ bytes: GS1LintBytes, maximum: Int, isLatitude: Bool) -> GS1LintFailure? {
        guard bytes.count == 10 else {
            return .plain(isLatitude ? .latitudeInvalidLength : .longitudeInvalidLength, bytes)
        }
        var value = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard GS1LintBytes.isDigit(byte) else { return .character(.nonDigitCharacter, at: index, in: bytes) }
            value = value * 10 + GS1LintBytes.digit(byte)
        }
        return value > maximum ? .plain(isLatitude ? .invalidLatitude : .invalidLongitude, bytes) : nil
    }

    /// `pcenc`: every `%` starts a `%hh` escape with two hexadecimal digits (RFC 3986 §2.1;
    /// gs1-syntax-engine lint_pcenc.c).
    static func checkPercentEncoding(_ bytes: GS1LintBytes) -> GS1LintFailure? {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                index += 1
                continue
            }
            guard index + 2 < bytes.count else {
                return .span(.invalidPercentSequence, index..<bytes.count, in: bytes)
            }
            guard GS1ByteSet.hexDigits.contains(bytes[index + 1]) && GS1ByteSet.hexDigits.contains(bytes[index + 2])
            else {
                return .span(.invalidPercentSequence, index..<(index + 3), in: bytes)
            }
            index += 3
        }
        return nil
    }
}
