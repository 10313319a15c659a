import Testing

@testable import TallyCore

@Suite struct CivilTimeTests {
    func text(_ milliseconds: Int64, _ offset: Int = 0) -> String {
        CivilTime(millisecondsSince1970: milliseconds, offsetSeconds: offset).description
    }

    @Test func knownInstants() {
        #expect(text(0) == "1970-01-01 00:00")
        #expect(text(1_795_266_180_000, 3600) == "2026-11-21 14:03")
        #expect(text(-2_208_988_800_000) == "1900-01-01 00:00")
        // India (+5:30) and Newfoundland (−3:30) at 13:03 UTC.
        #expect(text(1_795_266_180_000, 19_800) == "2026-11-21 18:33")
        #expect(text(1_795_266_180_000, -12_600) == "2026-11-21 09:33")
    }

    @Test func leapDays() {
        #expect(text(1_709_208_000_000) == "2024-02-29 12:00")
        #expect(text(-11_670_962_400_000) == "1600-02-29 10:00")
        // 2000 is a leap year (divisible by 400); 2100 and 2026 are not.
        #expect(text(951_868_799_000) == "2000-02-29 23:59")
        #expect(text(951_868_799_000, 60) == "2000-03-01 00:00")
        #expect(text(4_107_542_400_000 - 86_400_000) == "2100-02-28 00:00")
        #expect(text(4_107_542_400_000) == "2100-03-01 00:00")
        #expect(text(1_772_325_000_000, -3600) == "2026-02-28 23:30")
    }

    @Test func negativeOffsetsAndInstantsRoundTowardsThePast() {
        #expect(text(1_767_236_400_000, -5 * 3600) == "2025-12-31 22:00")
        let beforeEpoch = CivilTime(millisecondsSince1970: -1, offsetSeconds: 0)
        #expect(beforeEpoch.description == "1969-12-31 23:59")
        #expect(beforeEpoch.second == 59)
        #expect(text(-1000, -1) == "1969-12-31 23:59")
    }

    @Test func fieldsOfAnInstant() {
        let time = CivilTime(millisecondsSince1970: 1_795_266_187_999, offsetSeconds: 3600)
        #expect([time.year, time.month, time.day, time.hour, time.minute, time.second] == [2026, 11, 21, 14, 3, 7])
    }

    @Test func extremeInputsDoNotTrap() {
        #expect(text(.max, .max).hasPrefix("29"))
        #expect(text(.min, .min).hasPrefix("-"))
        #expect(text(-62_135_596_800_001) == "0000-12-31 23:59")
    }

    @Test func daysAndDatesAreInverses() {
        for days in stride(from: -1_000_000, through: 1_000_000, by: 97) {
            let date = CivilTime.civil(fromDays: days)
            #expect(CivilTime.days(fromYear: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilTime.days(fromYear: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.days(fromYear: 2000, month: 3, day: 1) == 11_017)
    }
}
