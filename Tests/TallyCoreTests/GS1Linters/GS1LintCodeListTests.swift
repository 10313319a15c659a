import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_iso3166.c, lint_iso3166999.c, lint_iso3166alpha2.c, lint_iso4217.c,
/// lint_iso5218.c, lint_winding.c, lint_yesno.c, lint_mediatype.c, lint_packagetype.c and lint_importeridx.c.
///
/// The engine tests its code lists exhaustively, each code from 000 to 999 (or AA to ZZ) passing or
/// failing; those vectors are generated here from the lists of passing codes, written as the engine's
/// comments write them, with ranges such as `031-032`.
@Suite struct GS1LintCodeListTests {
    /// Expands `"004 031-032"` into 4, 31 and 32.
    static func numbers(_ list: String) -> Set<Int> {
        var result = Set<Int>()
        for item in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let bounds = item.split(separator: "-").compactMap { Int($0) }
            result.formUnion(bounds[0]...bounds[bounds.count - 1])
        }
        return result
    }

    /// Expands `"AD-AG AI"` into AD, AE, AF, AG and AI.
    static func letterPairs(_ list: String) -> Set<String> {
        func index(_ pair: Substring) -> Int {
            let letters = Array(pair.utf8)
            return Int(letters[0] - 65) * 26 + Int(letters[1] - 65)
        }
        var result = Set<String>()
        for item in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let bounds = item.split(separator: "-").map(index)
            for code in bounds[0]...bounds[bounds.count - 1] {
                result.insert(String(decoding: [UInt8(65 + code / 26), UInt8(65 + code % 26)], as: UTF8.self))
            }
        }
        return result
    }

    static func threeDigitCases(passing: Set<Int>, otherwise problem: GS1LintProblem) -> [LintCase] {
        (0...999).map { number in
            let code = String(String(1000 + number).dropFirst())
            return passing.contains(number) ? .pass(code) : .fail(code, problem, "*\(code)*")
        }
    }

    static let iso3166Codes = numbers(
        """
        004 008 010 012 016 020 024 028 031-032 036 040 044 048 050-052 056 060
        064 068 070 072 074 076 084 086 090 092 096 100 104 108 112 116 120 124
        132 136 140 144 148 152 156 158 162 166 170 174 175 178 180 184 188 191
        192 196 203-204 208 212 214 218 222 226 231-234 238-239 242 246 248 250 254
        258 260 262 266 268 270 275 276 288 292 296 300 304 308 312 316
        320 324 328 332 334 336 340 344 348 352 356 360 364 368 372 376 380
        384 388 392 398 400 404 408 410 414 417-418 422 426 428 430 434 438 440 442 446
        450 454 458 462 466 470 474 478 480 484 492 496 498-500 504 508
        512 516 520 524 528 531 533-535 540 548 554 558 562 566 570 574
        578 580 581 583 584 585 586 591 598 600 604 608 612 616 620 624 626 630 634 638
        642 643 646 652 654 659 660 662 663 666 670 674 678 682 686 688 690 694 702 703
        704 705 706 710 716 724 728 729 732 740 744 748 752 756 760 762 764
        768 772 776 780 784 788 792 795 796 798 800 804 807 818 826 831
        832 833 834 840 850 854 858 860 862 876 882 887 894
        """)

    static let iso3166Cases: [LintCase] =
        [
            .fail("", .notISO3166, "**"),
            .fail("0", .notISO3166, "*0*"),
            .fail("00", .notISO3166, "*00*"),
            .fail("000", .notISO3166, "*000*"),
            .fail("0000", .notISO3166, "*0000*"),
            .fail("_894", .notISO3166, "*_894*"),
            .fail("894_", .notISO3166, "*894_*"),
            .fail("999", .notISO3166, "*999*"),
            .fail("AAA", .notISO3166, "*AAA*"),
        ] + threeDigitCases(passing: iso3166Codes, otherwise: .notISO3166)

    @Test(arguments: iso3166Cases)
    func iso3166(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.iso3166.check)
    }

    @Test func iso3166ListIsComplete() {
        #expect(Self.iso3166Codes.count == 249)
        #expect(Set(GS1LintTables.numericCountryCodes) == Self.iso3166Codes)
    }

    static let iso3166999Cases: [LintCase] = [
        .pass("999"),
        .pass("004"),
        .pass("894"),
        .fail("000", .notISO3166Or999, "*000*"),
        .fail("998", .notISO3166Or999, "*998*"),
        .fail("", .notISO3166Or999, "**"),
        .fail("9", .notISO3166Or999, "*9*"),
        .fail("99", .notISO3166Or999, "*99*"),
        .fail("9999", .notISO3166Or999, "*9999*"),
        .fail("_999", .notISO3166Or999, "*_999*"),
        .fail("999_", .notISO3166Or999, "*999_*"),
        .fail("AAA", .notISO3166Or999, "*AAA*"),
    ]

    @Test(arguments: iso3166999Cases)
    func iso3166999(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.iso3166999.check)
    }

    static let alpha2Codes = letterPairs(
        """
        AD-AG AI AL-AM AO AQ-AU AW-AX AZ-BB BD-BJ BL-BO BQ-BT BV-BW BY-CA CC-CD CF-CH CI CK-CL
        CM-CO CR CU-CZ DE DJ DK DM DO DZ EC EE EG-EH ER-ET
        FI-FJ FK FM FO FR GA-GB GD-GI GL-GN GP-GU GW GY
        HK HM-HN HR HT-HU ID-IE IL-IO IQ-IT JE JM JO-JP
        KE KG-KI KM-KN KP KR KW KY-KZ LA-LC LI LK LR-LV LY MA MC-MH
        MK-NA NC NE-NG NI NL NO-NP NR NU NZ OM
        PA PE-PH PK-PN PR-PT PW PY QA RE
        RO RS RU RW SA-SE SG-SO SR-ST SV SX-SZ TC-TD TF-TH TJ-TO TR
        TT TV-TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU
        WF WS YE
        YT ZA ZM ZW
        """)

    static let alpha2Cases: [LintCase] =
        [
            .fail("", .notISO3166Alpha2, "**"),
            .fail("A", .notISO3166Alpha2, "*A*"),
            .fail("AA", .notISO3166Alpha2, "*AA*"),
            .fail("AAA", .notISO3166Alpha2, "*AAA*"),
            .fail("_AD", .notISO3166Alpha2, "*_AD*"),
            .fail("AD_", .notISO3166Alpha2, "*AD_*"),
        ]
        + (0..<(26 * 26)).map { index in
            let code = String(decoding: [UInt8(65 + index / 26), UInt8(65 + index % 26)], as: UTF8.self)
            return alpha2Codes.contains(code) ? .pass(code) : .fail(code, .notISO3166Alpha2, "*\(code)*")
        }

    @Test(arguments: alpha2Cases)
    func iso3166alpha2(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.iso3166alpha2.check)
    }

    @Test func alpha2ListIsComplete() {
        #expect(Self.alpha2Codes.count == 249)
        let table = Set(
            GS1LintTables.alpha2CountryCodes.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        #expect(table == Self.alpha2Codes)
    }

    static let iso4217Codes = numbers(
        """
        008 012 032 036 044 048 050-052 060
        064 068 072 084 090 096 104 108 116 124
        132 136 144 152 156 170 174 188
        192 203 208 214 222 230 232 238 242
        262 270 292
        320 324 328 332 340 344 348 352 356 360 364 368 376
        388 392 396 398 400 404 408 410 414 417-418 422 426 430 434 446
        454 458 462 480 484 496 498 504
        512 516 524 532-533 548 554 558 566
        578 586 590 598 600 604 608 634
        643 646 654 682 690 702
        704 706 710 728 748 752 756 760 764
        776 780 784 788 800 807 818 826
        834 840 858 860 882 886
        901 924-930 933-934 936 938 940-941 943-944 946-953 955-959
        960-965 967-973 975-981 984-986 990 994 997 999
        """)

    /// Codes the engine still accepts that ISO 4217 has since withdrawn, so `Currency` no longer has them:
    /// 975, the Bulgarian lev, replaced by the euro on 2026-01-01.
    static let withdrawnCurrencyCodes: Set<Int> = [975]

    /// Depends on `Currency` holding the whole ISO 4217 list of numeric codes.
    static let iso4217Cases: [LintCase] =
        [
            .fail("", .notISO4217, "**"),
            .fail("0", .notISO4217, "*0*"),
            .fail("00", .notISO4217, "*00*"),
            .fail("000", .notISO4217, "*000*"),
            .fail("0000", .notISO4217, "*0000*"),
            .fail("_999", .notISO4217, "*_999*"),
            .fail("999_", .notISO4217, "*999_*"),
            .fail("AAA", .notISO4217, "*AAA*"),
        ] + threeDigitCases(passing: iso4217Codes.subtracting(withdrawnCurrencyCodes), otherwise: .notISO4217)

    @Test(arguments: iso4217Cases)
    func iso4217(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.iso4217.check)
    }

    @Test func iso4217MessageNamesTheCode() {
        #expect(GS1Linter.iso4217.lint(Array("842".utf8)[...])?.message == "842 is not an ISO 4217 currency code")
    }

    static let iso5218Cases: [LintCase] = [
        .pass("0"),
        .pass("1"),
        .pass("2"),
        .fail("3", .invalidBiologicalSexCode, "*3*"),
        .fail("4", .invalidBiologicalSexCode, "*4*"),
        .fail("5", .invalidBiologicalSexCode, "*5*"),
        .fail("6", .invalidBiologicalSexCode, "*6*"),
        .fail("7", .invalidBiologicalSexCode, "*7*"),
        .fail("8", .invalidBiologicalSexCode, "*8*"),
        .pass("9"),
        .fail("", .invalidBiologicalSexCode, "**"),
        .fail("/", .invalidBiologicalSexCode, "*/*"),
        .fail(":", .invalidBiologicalSexCode, "*:*"),
        .fail("01", .invalidBiologicalSexCode, "*01*"),
    ]

    @Test(arguments: iso5218Cases)
    func iso5218(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.iso5218.check)
    }

    static let windingCases: [LintCase] = [
        .pass("0"),
        .pass("1"),
        .fail("2", .invalidWindingDirection, "*2*"),
        .fail("3", .invalidWindingDirection, "*3*"),
        .fail("4", .invalidWindingDirection, "*4*"),
        .fail("5", .invalidWindingDirection, "*5*"),
        .fail("6", .invalidWindingDirection, "*6*"),
        .fail("7", .invalidWindingDirection, "*7*"),
        .fail("8", .invalidWindingDirection, "*8*"),
        .pass("9"),
        .fail("", .invalidWindingDirection, "**"),
        .fail("/", .invalidWindingDirection, "*/*"),
        .fail(":", .invalidWindingDirection, "*:*"),
        .fail("01", .invalidWindingDirection, "*01*"),
    ]

    @Test(arguments: windingCases)
    func winding(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.winding.check)
    }

    static let yesnoCases: [LintCase] = [
        .pass("0"),
        .pass("1"),
        .fail("", .notZeroOrOne, "**"),
        .fail("/", .notZeroOrOne, "*/*"),
        .fail("2", .notZeroOrOne, "*2*"),
        .fail("01", .notZeroOrOne, "*01*"),
    ]

    @Test(arguments: yesnoCases)
    func yesno(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.yesno.check)
    }

    static let mediaTypeCases: [LintCase] =
        [
            .fail("", .invalidMediaType, "**"),
            .fail("0", .invalidMediaType, "*0*"),
            .fail("000", .invalidMediaType, "*000*"),
            .fail("_01", .invalidMediaType, "*_01*"),
            .fail("01_", .invalidMediaType, "*01_*"),
            .fail("AA", .invalidMediaType, "*AA*"),
        ]
        + (0...99).map { number in
            let code = String(String(100 + number).dropFirst())
            let assigned = (1...10).contains(number) || (80...99).contains(number)
            return assigned ? .pass(code) : .fail(code, .invalidMediaType, "*\(code)*")
        }

    @Test(arguments: mediaTypeCases)
    func mediatype(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.mediatype.check)
    }

    static let packageTypeCodes: [String] = [
        "1A", "1B", "1D", "1F", "1G", "1W", "200", "201", "202", "203", "204", "205", "206", "210", "211", "212",
        "2C", "3A", "3H", "43", "44", "4A", "4B", "4C", "4D", "4F", "4G", "4H", "5H", "5L", "5M", "6H", "6P",
        "7A", "7B", "8", "8A", "8B", "8C", "9", "AA", "AB", "AC", "AD", "AF", "AG", "AH", "AI", "AJ", "AL", "AM",
        "AP", "APE", "AT", "AV", "B4", "BB", "BC", "BD", "BE", "BF", "BG", "BGE", "BH", "BI", "BJ", "BK", "BL",
        "BM", "BME", "BN", "BO", "BP", "BQ", "BR", "BRI", "BS", "BT", "BU", "BV", "BW", "BX", "BY", "BZ", "CA",
        "CB", "CBL", "CC", "CCE", "CD", "CE", "CF", "CG", "CH", "CI", "CJ", "CK", "CL", "CM", "CN", "CO", "CP",
        "CQ", "CR", "CS", "CT", "CU", "CV", "CW", "CX", "CY", "CZ", "DA", "DB", "DC", "DG", "DH", "DI", "DJ",
        "DK", "DL", "DM", "DN", "DP", "DPE", "DR", "DS", "DT", "DU", "DV", "DW", "DX", "DY", "E1", "E2", "E3",
        "EC", "ED", "EE", "EF", "EG", "EH", "EI", "EN", "FB", "FC", "FD", "FE", "FI", "FL", "FO", "FOB", "FP",
        "FPE", "FR", "FT", "FW", "FX", "GB", "GI", "GL", "GR", "GU", "GY", "GZ", "HA", "HB", "HC", "HG", "HN",
        "HR", "IA", "IB", "IC", "ID", "IE", "IF", "IG", "IH", "IK", "IL", "IN", "IZ", "JB", "JC", "JG", "JR",
        "JT", "JY", "KG", "KI", "LAB", "LE", "LG", "LT", "LU", "LV", "LZ", "MA", "MB", "MC", "ME", "MPE", "MR",
        "MS", "MT", "MW", "MX", "NA", "NE", "NF", "NG", "NS", "NT", "NU", "NV", "OA", "OB", "OC", "OD", "OE",
        "OF", "OK", "OPE", "OT", "OU", "P2", "PA", "PAE", "PB", "PC", "PD", "PE", "PF", "PG", "PH", "PI", "PJ",
        "PK", "PL", "PLP", "PN", "PO", "POP", "PP", "PPE", "PR", "PT", "PU", "PUE", "PV", "PX", "PY", "PZ", "QA",
        "QB", "QC", "QD", "QF", "QG", "QH", "QJ", "QK", "QL", "QM", "QN", "QP", "QQ", "QR", "QS", "RB1", "RB2",
        "RB3", "RCB", "RD", "RG", "RJ", "RK", "RL", "RO", "RT", "RZ", "S1", "SA", "SB", "SC", "SD", "SE", "SEC",
        "SH", "SI", "SK", "SL", "SM", "SO", "SP", "SS", "ST", "STL", "SU", "SV", "SW", "SX", "SY", "SZ", "T1",
        "TB", "TC", "TD", "TE", "TEV", "TG", "THE", "TI", "TK", "TL", "TN", "TO", "TR", "TRE", "TS", "TT", "TTE",
        "TU", "TV", "TW", "TWE", "TY", "TZ", "UC", "UN", "UUE", "VA", "VG", "VI", "VK", "VL", "VN", "VO", "VP",
        "VQ", "VR", "VS", "VY", "WA", "WB", "WC", "WD", "WF", "WG", "WH", "WJ", "WK", "WL", "WM", "WN", "WP",
        "WQ", "WR", "WRP", "WS", "WT", "WU", "WV", "WW", "WX", "WY", "WZ", "X11", "X12", "X15", "X16", "X17",
        "X18", "X19", "X20", "X3", "XA", "XB", "XC", "XD", "XF", "XG", "XH", "XJ", "XK", "YA", "YB", "YC", "YD",
        "YF", "YG", "YH", "YJ", "YK", "YL", "YM", "YN", "YP", "YQ", "YR", "YS", "YT", "YV", "YW", "YX", "YY",
        "YZ", "ZA", "ZB", "ZC", "ZD", "ZF", "ZG", "ZH", "ZJ", "ZK", "ZL", "ZM", "ZN", "ZP", "ZQ", "ZR", "ZS",
        "ZT", "ZU", "ZV", "ZW", "ZX", "ZY", "ZZ",
    ]

    static let packageTypeCases: [LintCase] =
        [
            .fail("", .invalidPackageType, "**"),
            .fail("0", .invalidPackageType, "*0*"),
            .fail("00", .invalidPackageType, "*00*"),
            .fail("000", .invalidPackageType, "*000*"),
            .fail("0000", .invalidPackageType, "*0000*"),
            .fail("_9", .invalidPackageType, "*_9*"),
            .fail("9_", .invalidPackageType, "*9_*"),
            .fail("_1A", .invalidPackageType, "*_1A*"),
            .fail("1A_", .invalidPackageType, "*1A_*"),
            .fail("_200", .invalidPackageType, "*_200*"),
            .fail("200_", .invalidPackageType, "*200_*"),
        ] + packageTypeCodes.map { .pass($0) }

    @Test(arguments: packageTypeCases)
    func packagetype(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.packagetype.check)
    }

    /// Codes next to real ones in sort order, or real ones cut short or run on, are refused.
    @Test(arguments: ["1C", "1Z", "207", "2D", "AE", "APF", "BGF", "ZZZ", "X1", "X2", "RB", "RB4", "1a", "8\u{0}"])
    func packagetypeRefusesNearMisses(_ code: String) {
        #expect(GS1Linter.packagetype.lint(Array(code.utf8)[...])?.problem == .invalidPackageType)
    }

    static let importerIndexCases: [LintCase] =
        [
            .fail("", .importerIndexMustBeOneCharacter, "**"),
            .fail("AA", .importerIndexMustBeOneCharacter, "*AA*"),
        ]
        + everyByte(
            allowed: "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
            otherwise: .invalidImporterIndexCharacter)

    @Test(arguments: importerIndexCases)
    func importeridx(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.importeridx.check)
    }
}
