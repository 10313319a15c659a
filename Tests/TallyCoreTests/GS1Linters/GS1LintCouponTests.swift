import Testing

@testable import TallyCore

/// Vectors from gs1-syntax-engine lint_couponcode.c and lint_couponposoffer.c.
@Suite struct GS1LintCouponTests {
    static let couponcodeCases: [LintCase] =
        mandatoryFieldCases + firstOptionalFieldCases + secondOptionalFieldCases + dateFieldCases
        + serialAndRetailerFieldCases + miscellaneousFieldCases + guidelineExamples

    static let mandatoryFieldCases: [LintCase] = [
        .pass("012345612345611110123"),
        .fail("a12345612345611110123", .nonDigitCharacter, "*a*12345612345611110123"),
        .fail("01234561234561111012a", .nonDigitCharacter, "01234561234561111012*a*"),
        .fail("", .couponMissingGCPVLI, "**"),
        .fail("01", .couponTruncatedGCP, "0*1*"),
        .fail("012", .couponTruncatedGCP, "0*12*"),
        .fail("0123", .couponTruncatedGCP, "0*123*"),
        .fail("01234", .couponTruncatedGCP, "0*1234*"),
        .fail("012345", .couponTruncatedGCP, "0*12345*"),
        .fail("0123456", .couponTruncatedOfferCode, "*0123456*"),
        .fail("1123456", .couponTruncatedGCP, "1*123456*"),
        .fail("11234567", .couponTruncatedOfferCode, "*11234567*"),
        .fail("21234567", .couponTruncatedGCP, "2*1234567*"),
        .fail("212345678", .couponTruncatedOfferCode, "*212345678*"),
        .fail("312345678", .couponTruncatedGCP, "3*12345678*"),
        .fail("3123456789", .couponTruncatedOfferCode, "*3123456789*"),
        .fail("4123456789", .couponTruncatedGCP, "4*123456789*"),
        .fail("41234567890", .couponTruncatedOfferCode, "*41234567890*"),
        .fail("51234567890", .couponTruncatedGCP, "5*1234567890*"),
        .fail("512345678901", .couponTruncatedOfferCode, "*512345678901*"),
        .fail("612345678901", .couponTruncatedGCP, "6*12345678901*"),
        .fail("6123456789012", .couponTruncatedOfferCode, "*6123456789012*"),
        .fail("71234567890123", .couponInvalidGCPLength, "*7*1234567890123"),
        .fail("812345678901234", .couponInvalidGCPLength, "*8*12345678901234"),
        .fail("9123456789012345", .couponInvalidGCPLength, "*9*123456789012345"),
        .fail("01234561", .couponTruncatedOfferCode, "0123456*1*"),
        .fail("012345612", .couponTruncatedOfferCode, "0123456*12*"),
        .fail("0123456123", .couponTruncatedOfferCode, "0123456*123*"),
        .fail("01234561234", .couponTruncatedOfferCode, "0123456*1234*"),
        .fail("012345612345", .couponTruncatedOfferCode, "0123456*12345*"),
        .fail("0123456123456", .couponMissingSaveValueVLI, "*0123456123456*"),
        .fail("01234561234560", .couponInvalidSaveValueLength, "0123456123456*0*"),
        .fail("01234561234561", .couponTruncatedSaveValue, "*01234561234561*"),
        .fail("012345612345611", .couponMissingFirstPurchaseRequirementVLI, "*012345612345611*"),
        .fail("012345612345621", .couponTruncatedSaveValue, "01234561234562*1*"),
        .fail("0123456123456212", .couponMissingFirstPurchaseRequirementVLI, "*0123456123456212*"),
        .fail("0123456123456312", .couponTruncatedSaveValue, "01234561234563*12*"),
        .fail("01234561234563123", .couponMissingFirstPurchaseRequirementVLI, "*01234561234563123*"),
        .fail("01234561234564123", .couponTruncatedSaveValue, "01234561234564*123*"),
        .fail("012345612345641234", .couponMissingFirstPurchaseRequirementVLI, "*012345612345641234*"),
        .fail("012345612345651234", .couponTruncatedSaveValue, "01234561234565*1234*"),
        .fail("0123456123456512345", .couponMissingFirstPurchaseRequirementVLI, "*0123456123456512345*"),
        .fail("01234561234566123456", .couponInvalidSaveValueLength, "0123456123456*6*123456"),
        .fail("012345612345671234567", .couponInvalidSaveValueLength, "0123456123456*7*1234567"),
        .fail("0123456123456812345678", .couponInvalidSaveValueLength, "0123456123456*8*12345678"),
        .fail("01234561234569123456789", .couponInvalidSaveValueLength, "0123456123456*9*123456789"),
        .fail("0123456123456110", .couponInvalidFirstPurchaseRequirementLength, "012345612345611*0*"),
        .fail("0123456123456111", .couponTruncatedFirstPurchaseRequirement, "*0123456123456111*"),
        .fail("01234561234561111", .couponMissingFirstPurchaseRequirementCode, "*01234561234561111*"),
        .fail("01234561234561121", .couponTruncatedFirstPurchaseRequirement, "0123456123456112*1*"),
        .fail("012345612345611212", .couponMissingFirstPurchaseRequirementCode, "*012345612345611212*"),
        .fail("012345612345611312", .couponTruncatedFirstPurchaseRequirement, "0123456123456113*12*"),
        .fail("0123456123456113123", .couponMissingFirstPurchaseRequirementCode, "*0123456123456113123*"),
        .fail("0123456123456114123", .couponTruncatedFirstPurchaseRequirement, "0123456123456114*123*"),
        .fail("01234561234561141234", .couponMissingFirstPurchaseRequirementCode, "*01234561234561141234*"),
        .fail("01234561234561151234", .couponTruncatedFirstPurchaseRequirement, "0123456123456115*1234*"),
        .fail("012345612345611512345", .couponMissingFirstPurchaseRequirementCode, "*012345612345611512345*"),
        .fail("0123456123456116123456", .couponInvalidFirstPurchaseRequirementLength, "012345612345611*6*123456"),
        .fail("01234561234561171234567", .couponInvalidFirstPurchaseRequirementLength, "012345612345611*7*1234567"),
        .fail(
            "012345612345611812345678", .couponInvalidFirstPurchaseRequirementLength, "012345612345611*8*12345678"),
        .fail(
            "0123456123456119123456789", .couponInvalidFirstPurchaseRequirementLength,
            "012345612345611*9*123456789"),
        .fail("012345612345611110", .couponTruncatedFirstPurchaseFamilyCode, "*012345612345611110*"),
        .fail("012345612345611111", .couponTruncatedFirstPurchaseFamilyCode, "*012345612345611111*"),
        .fail("012345612345611112", .couponTruncatedFirstPurchaseFamilyCode, "*012345612345611112*"),
        .fail("012345612345611113", .couponTruncatedFirstPurchaseFamilyCode, "*012345612345611113*"),
        .fail("012345612345611114", .couponTruncatedFirstPurchaseFamilyCode, "*012345612345611114*"),
        .fail("012345612345611115", .couponInvalidFirstPurchaseRequirementCode, "01234561234561111*5*"),
        .fail("012345612345611116", .couponInvalidFirstPurchaseRequirementCode, "01234561234561111*6*"),
        .fail("012345612345611117", .couponInvalidFirstPurchaseRequirementCode, "01234561234561111*7*"),
        .fail("012345612345611118", .couponInvalidFirstPurchaseRequirementCode, "01234561234561111*8*"),
        .fail("012345612345611119", .couponTruncatedFirstPurchaseFamilyCode, "*012345612345611119*"),
        .fail("0123456123456111101", .couponTruncatedFirstPurchaseFamilyCode, "012345612345611110*1*"),
        .fail("01234561234561111012", .couponTruncatedFirstPurchaseFamilyCode, "012345612345611110*12*"),
        .pass("012345612345611110123"),
        .fail("0123456123456111101230", .couponExcessData, "012345612345611110123*0*"),
        .fail("0123456123456111101237", .couponExcessData, "012345612345611110123*7*"),
        .fail("0123456123456111101238", .couponExcessData, "012345612345611110123*8*"),
    ]

    static let firstOptionalFieldCases: [LintCase] = [
        .fail("0123456123456111101231", .couponMissingAdditionalPurchaseRulesCode, "*0123456123456111101231*"),
        .fail("01234561234561111012310", .couponMissingSecondPurchaseRequirementVLI, "*01234561234561111012310*"),
        .fail("01234561234561111012311", .couponMissingSecondPurchaseRequirementVLI, "*01234561234561111012311*"),
        .fail("01234561234561111012312", .couponMissingSecondPurchaseRequirementVLI, "*01234561234561111012312*"),
        .fail("01234561234561111012313", .couponMissingSecondPurchaseRequirementVLI, "*01234561234561111012313*"),
        .fail("01234561234561111012314", .couponInvalidAdditionalPurchaseRulesCode, "0123456123456111101231*4*"),
        .fail("01234561234561111012315", .couponInvalidAdditionalPurchaseRulesCode, "0123456123456111101231*5*"),
        .fail("01234561234561111012316", .couponInvalidAdditionalPurchaseRulesCode, "0123456123456111101231*6*"),
        .fail("01234561234561111012317", .couponInvalidAdditionalPurchaseRulesCode, "0123456123456111101231*7*"),
        .fail("01234561234561111012318", .couponInvalidAdditionalPurchaseRulesCode, "0123456123456111101231*8*"),
        .fail("01234561234561111012319", .couponInvalidAdditionalPurchaseRulesCode, "0123456123456111101231*9*"),
        .fail(
            "012345612345611110123100", .couponInvalidSecondPurchaseRequirementLength, "01234561234561111012310*0*"),
        .fail("012345612345611110123101", .couponTruncatedSecondPurchaseRequirement, "*012345612345611110123101*"),
        .fail(
            "0123456123456111101231011", .couponMissingSecondPurchaseRequirementCode,
            "*0123456123456111101231011*"),
        .fail(
            "0123456123456111101231021", .couponTruncatedSecondPurchaseRequirement, "012345612345611110123102*1*"),
        .fail(
            "01234561234561111012310212", .couponMissingSecondPurchaseRequirementCode,
            "*01234561234561111012310212*"),
        .fail(
            "01234561234561111012310312", .couponTruncatedSecondPurchaseRequirement,
            "012345612345611110123103*12*"),
        .fail(
            "012345612345611110123103123", .couponMissingSecondPurchaseRequirementCode,
            "*012345612345611110123103123*"),
        .fail(
            "012345612345611110123104123", .couponTruncatedSecondPurchaseRequirement,
            "012345612345611110123104*123*"),
        .fail(
            "0123456123456111101231041234", .couponMissingSecondPurchaseRequirementCode,
            "*0123456123456111101231041234*"),
        .fail(
            "0123456123456111101231051234", .couponTruncatedSecondPurchaseRequirement,
            "012345612345611110123105*1234*"),
        .fail(
            "01234561234561111012310512345", .couponMissingSecondPurchaseRequirementCode,
            "*01234561234561111012310512345*"),
        .fail(
            "012345612345611110123106123456", .couponInvalidSecondPurchaseRequirementLength,
            "01234561234561111012310*6*123456"),
        .fail(
            "0123456123456111101231071234567", .couponInvalidSecondPurchaseRequirementLength,
            "01234561234561111012310*7*1234567"),
        .fail(
            "01234561234561111012310812345678", .couponInvalidSecondPurchaseRequirementLength,
            "01234561234561111012310*8*12345678"),
        .fail(
            "012345612345611110123109123456789", .couponInvalidSecondPurchaseRequirementLength,
            "01234561234561111012310*9*123456789"),
        .fail(
            "01234561234561111012310110", .couponTruncatedSecondPurchaseFamilyCode, "*01234561234561111012310110*"),
        .fail(
            "01234561234561111012310111", .couponTruncatedSecondPurchaseFamilyCode, "*01234561234561111012310111*"),
        .fail(
            "01234561234561111012310112", .couponTruncatedSecondPurchaseFamilyCode, "*01234561234561111012310112*"),
        .fail(
            "01234561234561111012310113", .couponTruncatedSecondPurchaseFamilyCode, "*01234561234561111012310113*"),
        .fail(
            "01234561234561111012310114", .couponTruncatedSecondPurchaseFamilyCode, "*01234561234561111012310114*"),
        .fail(
            "01234561234561111012310115", .couponInvalidSecondPurchaseRequirementCode, "0123456123456111101231011*5*"),
        .fail(
            "01234561234561111012310116", .couponInvalidSecondPurchaseRequirementCode, "0123456123456111101231011*6*"),
        .fail(
            "01234561234561111012310117", .couponInvalidSecondPurchaseRequirementCode, "0123456123456111101231011*7*"),
        .fail(
            "01234561234561111012310118", .couponInvalidSecondPurchaseRequirementCode, "0123456123456111101231011*8*"),
        .fail(
            "01234561234561111012310119", .couponTruncatedSecondPurchaseFamilyCode, "*01234561234561111012310119*"),
        .fail(
            "012345612345611110123101101", .couponTruncatedSecondPurchaseFamilyCode,
            "01234561234561111012310110*1*"),
        .fail(
            "0123456123456111101231011012", .couponTruncatedSecondPurchaseFamilyCode,
            "01234561234561111012310110*12*"),
        .fail(
            "01234561234561111012310110123", .couponMissingSecondPurchaseGCPVLI, "*01234561234561111012310110123*"),
        .fail(
            "012345612345611110123101101230", .couponTruncatedSecondPurchaseGCP,
            "*012345612345611110123101101230*"),
        .fail(
            "0123456123456111101231011012301", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101230*1*"),
        .fail(
            "01234561234561111012310110123012", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101230*12*"),
        .fail(
            "012345612345611110123101101230123", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101230*123*"),
        .fail(
            "0123456123456111101231011012301234", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101230*1234*"),
        .fail(
            "01234561234561111012310110123012345", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101230*12345*"),
        .pass("012345612345611110123101101230123456"),
        .fail(
            "012345612345611110123101101231123456", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101231*123456*"),
        .pass("0123456123456111101231011012311234567"),
        .fail(
            "0123456123456111101231011012321234567", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101232*1234567*"),
        .pass("01234561234561111012310110123212345678"),
        .fail(
            "01234561234561111012310110123312345678", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101233*12345678*"),
        .pass("012345612345611110123101101233123456789"),
        .fail(
            "012345612345611110123101101234123456789", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101234*123456789*"),
        .pass("0123456123456111101231011012341234567890"),
        .fail(
            "0123456123456111101231011012351234567890", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101235*1234567890*"),
        .pass("01234561234561111012310110123512345678901"),
        .fail(
            "01234561234561111012310110123612345678901", .couponTruncatedSecondPurchaseGCP,
            "012345612345611110123101101236*12345678901*"),
        .pass("012345612345611110123101101236123456789012"),
        .fail(
            "0123456123456111101231011012371234567890123", .couponInvalidSecondPurchaseGCPLength,
            "01234561234561111012310110123*7*1234567890123"),
        .fail(
            "01234561234561111012310110123812345678901234", .couponInvalidSecondPurchaseGCPLength,
            "01234561234561111012310110123*8*12345678901234"),
        .pass("012345612345611110123101101239"),
        .fail("0123456123456111101231011012391", .couponExcessData, "012345612345611110123101101239*1*"),
        .fail("0123456123456111101231011012301234560", .couponExcessData, "012345612345611110123101101230123456*0*"),
    ]

    static let secondOptionalFieldCases: [LintCase] = [
        .fail("0123456123456111101232", .couponMissingThirdPurchaseRequirementVLI, "*0123456123456111101232*"),
        .fail("01234561234561111012320", .couponInvalidThirdPurchaseRequirementLength, "0123456123456111101232*0*"),
        .fail("01234561234561111012321", .couponTruncatedThirdPurchaseRequirement, "*01234561234561111012321*"),
        .fail("012345612345611110123211", .couponMissingThirdPurchaseRequirementCode, "*012345612345611110123211*"),
        .fail("012345612345611110123221", .couponTruncatedThirdPurchaseRequirement, "01234561234561111012322*1*"),
        .fail(
            "0123456123456111101232212", .couponMissingThirdPurchaseRequirementCode, "*0123456123456111101232212*"),
        .fail("0123456123456111101232312", .couponTruncatedThirdPurchaseRequirement, "01234561234561111012323*12*"),
        .fail(
            "01234561234561111012323123", .couponMissingThirdPurchaseRequirementCode,
            "*01234561234561111012323123*"),
        .fail(
            "01234561234561111012324123", .couponTruncatedThirdPurchaseRequirement, "01234561234561111012324*123*"),
        .fail(
            "012345612345611110123241234", .couponMissingThirdPurchaseRequirementCode,
            "*012345612345611110123241234*"),
        .fail(
            "012345612345611110123251234", .couponTruncatedThirdPurchaseRequirement,
            "01234561234561111012325*1234*"),
        .fail(
            "0123456123456111101232512345", .couponMissingThirdPurchaseRequirementCode,
            "*0123456123456111101232512345*"),
        .fail(
            "01234561234561111012326123456", .couponInvalidThirdPurchaseRequirementLength,
            "0123456123456111101232*6*123456"),
        .fail(
            "012345612345611110123271234567", .couponInvalidThirdPurchaseRequirementLength,
            "0123456123456111101232*7*1234567"),
        .fail(
            "0123456123456111101232812345678", .couponInvalidThirdPurchaseRequirementLength,
            "0123456123456111101232*8*12345678"),
        .fail(
            "01234561234561111012329123456789", .couponInvalidThirdPurchaseRequirementLength,
            "0123456123456111101232*9*123456789"),
        .fail("0123456123456111101232110", .couponTruncatedThirdPurchaseFamilyCode, "*0123456123456111101232110*"),
        .fail("0123456123456111101232111", .couponTruncatedThirdPurchaseFamilyCode, "*0123456123456111101232111*"),
        .fail("0123456123456111101232112", .couponTruncatedThirdPurchaseFamilyCode, "*0123456123456111101232112*"),
        .fail("0123456123456111101232113", .couponTruncatedThirdPurchaseFamilyCode, "*0123456123456111101232113*"),
        .fail("0123456123456111101232114", .couponTruncatedThirdPurchaseFamilyCode, "*0123456123456111101232114*"),
        .fail("0123456123456111101232115", .couponInvalidThirdPurchaseRequirementCode, "012345612345611110123211*5*"),
        .fail("0123456123456111101232116", .couponInvalidThirdPurchaseRequirementCode, "012345612345611110123211*6*"),
        .fail("0123456123456111101232117", .couponInvalidThirdPurchaseRequirementCode, "012345612345611110123211*7*"),
        .fail("0123456123456111101232118", .couponInvalidThirdPurchaseRequirementCode, "012345612345611110123211*8*"),
        .fail("0123456123456111101232119", .couponTruncatedThirdPurchaseFamilyCode, "*0123456123456111101232119*"),
        .fail(
            "01234561234561111012321101", .couponTruncatedThirdPurchaseFamilyCode, "0123456123456111101232110*1*"),
        .fail(
            "012345612345611110123211012", .couponTruncatedThirdPurchaseFamilyCode, "0123456123456111101232110*12*"),
        .fail(
            "0123456123456111101232110123", .couponMissingThirdPurchaseGCPVLI, "*0123456123456111101232110123*"),
        .fail(
            "01234561234561111012321101230", .couponTruncatedThirdPurchaseGCP, "*01234561234561111012321101230*"),
        .fail(
            "012345612345611110123211012301", .couponTruncatedThirdPurchaseGCP, "01234561234561111012321101230*1*"),
        .fail(
            "0123456123456111101232110123012", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101230*12*"),
        .fail(
            "01234561234561111012321101230123", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101230*123*"),
        .fail(
            "012345612345611110123211012301234", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101230*1234*"),
        .fail(
            "0123456123456111101232110123012345", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101230*12345*"),
        .pass("01234561234561111012321101230123456"),
        .fail(
            "01234561234561111012321101231123456", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101231*123456*"),
        .pass("012345612345611110123211012311234567"),
        .fail(
            "012345612345611110123211012321234567", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101232*1234567*"),
        .pass("0123456123456111101232110123212345678"),
        .fail(
            "0123456123456111101232110123312345678", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101233*12345678*"),
        .pass("01234561234561111012321101233123456789"),
        .fail(
            "01234561234561111012321101234123456789", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101234*123456789*"),
        .pass("012345612345611110123211012341234567890"),
        .fail(
            "012345612345611110123211012351234567890", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101235*1234567890*"),
        .pass("0123456123456111101232110123512345678901"),
        .fail(
            "0123456123456111101232110123612345678901", .couponTruncatedThirdPurchaseGCP,
            "01234561234561111012321101236*12345678901*"),
        .pass("01234561234561111012321101236123456789012"),
        .fail(
            "012345612345611110123211012371234567890123", .couponInvalidThirdPurchaseGCPLength,
            "0123456123456111101232110123*7*1234567890123"),
        .fail(
            "0123456123456111101232110123812345678901234", .couponInvalidThirdPurchaseGCPLength,
            "0123456123456111101232110123*8*12345678901234"),
        .pass("01234561234561111012321101239"),
        .fail("012345612345611110123211012391", .couponExcessData, "01234561234561111012321101239*1*"),
        .fail("012345612345611110123211012301234560", .couponExcessData, "01234561234561111012321101230123456*0*"),
    ]

    /// Optional fields 3 and 4, the expiration and start dates.
    static let dateFieldCases: [LintCase] = [
        .fail("0123456123456111101233", .couponTooShortForExpirationDate, "*0123456123456111101233*"),
        .fail("01234561234561111012331", .couponTooShortForExpirationDate, "0123456123456111101233*1*"),
        .fail("012345612345611110123312", .couponTooShortForExpirationDate, "0123456123456111101233*12*"),
        .fail("0123456123456111101233123", .couponTooShortForExpirationDate, "0123456123456111101233*123*"),
        .fail("01234561234561111012331234", .couponTooShortForExpirationDate, "0123456123456111101233*1234*"),
        .fail("012345612345611110123312345", .couponTooShortForExpirationDate, "0123456123456111101233*12345*"),
        .pass("0123456123456111101233200229"),
        .pass("0123456123456111101233000606"),
        .pass("0123456123456111101233250606"),
        .pass("0123456123456111101233500606"),
        .pass("0123456123456111101233750606"),
        .pass("0123456123456111101233990606"),
        .pass("0123456123456111101233200131"),
        .fail("0123456123456111101233200010", .couponInvalidExpirationDate, "0123456123456111101233*200010*"),
        .fail("0123456123456111101233201310", .couponInvalidExpirationDate, "0123456123456111101233*201310*"),
        .fail("0123456123456111101233209910", .couponInvalidExpirationDate, "0123456123456111101233*209910*"),
        .pass("0123456123456111101233200131"),
        .fail("0123456123456111101233200132", .couponInvalidExpirationDate, "0123456123456111101233*200132*"),
        .pass("0123456123456111101233200229"),
        .pass("0123456123456111101233000229"),
        .pass("0123456123456111101233040229"),
        .pass("0123456123456111101233960229"),
        .fail("0123456123456111101233200230", .couponInvalidExpirationDate, "0123456123456111101233*200230*"),
        .pass("0123456123456111101233200331"),
        .fail("0123456123456111101233200332", .couponInvalidExpirationDate, "0123456123456111101233*200332*"),
        .pass("0123456123456111101233200430"),
        .fail("0123456123456111101233200431", .couponInvalidExpirationDate, "0123456123456111101233*200431*"),
        .pass("0123456123456111101233200531"),
        .fail("0123456123456111101233200532", .couponInvalidExpirationDate, "0123456123456111101233*200532*"),
        .pass("0123456123456111101233200630"),
        .fail("0123456123456111101233200631", .couponInvalidExpirationDate, "0123456123456111101233*200631*"),
        .pass("0123456123456111101233200731"),
        .fail("0123456123456111101233200732", .couponInvalidExpirationDate, "0123456123456111101233*200732*"),
        .pass("0123456123456111101233200831"),
        .fail("0123456123456111101233200832", .couponInvalidExpirationDate, "0123456123456111101233*200832*"),
        .pass("0123456123456111101233200930"),
        .fail("0123456123456111101233200931", .couponInvalidExpirationDate, "0123456123456111101233*200931*"),
        .pass("0123456123456111101233201031"),
        .fail("0123456123456111101233201032", .couponInvalidExpirationDate, "0123456123456111101233*201032*"),
        .pass("0123456123456111101233201130"),
        .fail("0123456123456111101233201131", .couponInvalidExpirationDate, "0123456123456111101233*201131*"),
        .pass("0123456123456111101233201231"),
        .fail("0123456123456111101233201232", .couponInvalidExpirationDate, "0123456123456111101233*201232*"),
        .fail("0123456123456111101233210229", .couponInvalidExpirationDate, "0123456123456111101233*210229*"),
        .fail("0123456123456111101233200600", .couponInvalidExpirationDate, "0123456123456111101233*200600*"),
        .fail("01234561234561111012332002290", .couponExcessData, "0123456123456111101233200229*0*"),
        .fail("0123456123456111101234", .couponTooShortForStartDate, "*0123456123456111101234*"),
        .fail("01234561234561111012341", .couponTooShortForStartDate, "0123456123456111101234*1*"),
        .fail("012345612345611110123412", .couponTooShortForStartDate, "0123456123456111101234*12*"),
        .fail("0123456123456111101234123", .couponTooShortForStartDate, "0123456123456111101234*123*"),
        .fail("01234561234561111012341234", .couponTooShortForStartDate, "0123456123456111101234*1234*"),
        .fail("012345612345611110123412345", .couponTooShortForStartDate, "0123456123456111101234*12345*"),
        .pass("0123456123456111101234200229"),
        .pass("0123456123456111101234000606"),
        .pass("0123456123456111101234250606"),
        .pass("0123456123456111101234500606"),
        .pass("0123456123456111101234750606"),
        .pass("0123456123456111101234990606"),
        .pass("0123456123456111101234200131"),
        .fail("0123456123456111101234200010", .couponInvalidStartDate, "0123456123456111101234*200010*"),
        .fail("0123456123456111101234201310", .couponInvalidStartDate, "0123456123456111101234*201310*"),
        .fail("0123456123456111101234209910", .couponInvalidStartDate, "0123456123456111101234*209910*"),
        .pass("0123456123456111101234200131"),
        .fail("0123456123456111101234200132", .couponInvalidStartDate, "0123456123456111101234*200132*"),
        .pass("0123456123456111101234200229"),
        .pass("0123456123456111101234000229"),
        .pass("0123456123456111101234040229"),
        .pass("0123456123456111101234960229"),
        .fail("0123456123456111101234200230", .couponInvalidStartDate, "0123456123456111101234*200230*"),
        .pass("0123456123456111101234200331"),
        .fail("0123456123456111101234200332", .couponInvalidStartDate, "0123456123456111101234*200332*"),
        .pass("0123456123456111101234200430"),
        .fail("0123456123456111101234200431", .couponInvalidStartDate, "0123456123456111101234*200431*"),
        .pass("0123456123456111101234200531"),
        .fail("0123456123456111101234200532", .couponInvalidStartDate, "0123456123456111101234*200532*"),
        .pass("0123456123456111101234200630"),
        .fail("0123456123456111101234200631", .couponInvalidStartDate, "0123456123456111101234*200631*"),
        .pass("0123456123456111101234200731"),
        .fail("0123456123456111101234200732", .couponInvalidStartDate, "0123456123456111101234*200732*"),
        .pass("0123456123456111101234200831"),
        .fail("0123456123456111101234200832", .couponInvalidStartDate, "0123456123456111101234*200832*"),
        .pass("0123456123456111101234200930"),
        .fail("0123456123456111101234200931", .couponInvalidStartDate, "0123456123456111101234*200931*"),
        .pass("0123456123456111101234201031"),
        .fail("0123456123456111101234201032", .couponInvalidStartDate, "0123456123456111101234*201032*"),
        .pass("0123456123456111101234201130"),
        .fail("0123456123456111101234201131", .couponInvalidStartDate, "0123456123456111101234*201131*"),
        .pass("0123456123456111101234201231"),
        .fail("0123456123456111101234201232", .couponInvalidStartDate, "0123456123456111101234*201232*"),
        .fail("0123456123456111101234210229", .couponInvalidStartDate, "0123456123456111101234*210229*"),
        .fail("0123456123456111101234200600", .couponInvalidStartDate, "0123456123456111101234*200600*"),
        .fail(
            "01234561234561111012335006064500607", .couponExpirationBeforeStart,
            "012345612345611110123*35006064500607*"),
        .pass("01234561234561111012335006064500606"),
        .fail("01234561234561111012342002290", .couponExcessData, "0123456123456111101234200229*0*"),
    ]

    /// Optional fields 5 and 6, the serial number and the retailer's company prefix or GLN.
    static let serialAndRetailerFieldCases: [LintCase] = [
        .fail("0123456123456111101235", .couponMissingSerialNumberVLI, "*0123456123456111101235*"),
        .fail("01234561234561111012350", .couponTruncatedSerialNumber, "*01234561234561111012350*"),
        .fail("012345612345611110123501", .couponTruncatedSerialNumber, "01234561234561111012350*1*"),
        .fail("0123456123456111101235012", .couponTruncatedSerialNumber, "01234561234561111012350*12*"),
        .fail("01234561234561111012350123", .couponTruncatedSerialNumber, "01234561234561111012350*123*"),
        .fail("012345612345611110123501234", .couponTruncatedSerialNumber, "01234561234561111012350*1234*"),
        .fail("0123456123456111101235012345", .couponTruncatedSerialNumber, "01234561234561111012350*12345*"),
        .pass("01234561234561111012350123456"),
        .fail("01234561234561111012351123456", .couponTruncatedSerialNumber, "01234561234561111012351*123456*"),
        .pass("012345612345611110123511234567"),
        .fail("012345612345611110123521234567", .couponTruncatedSerialNumber, "01234561234561111012352*1234567*"),
        .pass("0123456123456111101235212345678"),
        .fail(
            "0123456123456111101235312345678", .couponTruncatedSerialNumber, "01234561234561111012353*12345678*"),
        .pass("01234561234561111012353123456789"),
        .fail(
            "01234561234561111012354123456789", .couponTruncatedSerialNumber, "01234561234561111012354*123456789*"),
        .pass("012345612345611110123541234567890"),
        .fail(
            "012345612345611110123551234567890", .couponTruncatedSerialNumber,
            "01234561234561111012355*1234567890*"),
        .pass("0123456123456111101235512345678901"),
        .fail(
            "0123456123456111101235612345678901", .couponTruncatedSerialNumber,
            "01234561234561111012356*12345678901*"),
        .pass("01234561234561111012356123456789012"),
        .fail(
            "01234561234561111012357123456789012", .couponTruncatedSerialNumber,
            "01234561234561111012357*123456789012*"),
        .pass("012345612345611110123571234567890123"),
        .fail(
            "012345612345611110123581234567890123", .couponTruncatedSerialNumber,
            "01234561234561111012358*1234567890123*"),
        .pass("0123456123456111101235812345678901234"),
        .fail(
            "0123456123456111101235912345678901234", .couponTruncatedSerialNumber,
            "01234561234561111012359*12345678901234*"),
        .pass("01234561234561111012359123456789012345"),
        .fail("012345612345611110123501234560", .couponExcessData, "01234561234561111012350123456*0*"),
        .fail("0123456123456111101236", .couponMissingRetailerGCPOrGLNVLI, "*0123456123456111101236*"),
        .fail("01234561234561111012360", .couponInvalidRetailerGCPOrGLNLength, "0123456123456111101236*0*"),
        .fail("01234561234561111012361", .couponTruncatedRetailerGCPOrGLN, "*01234561234561111012361*"),
        .fail("012345612345611110123611", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012361*1*"),
        .fail("0123456123456111101236112", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012361*12*"),
        .fail("01234561234561111012361123", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012361*123*"),
        .fail("012345612345611110123611234", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012361*1234*"),
        .fail("0123456123456111101236112345", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012361*12345*"),
        .fail(
            "01234561234561111012361123456", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012361*123456*"),
        .pass("012345612345611110123611234567"),
        .fail(
            "012345612345611110123621234567", .couponTruncatedRetailerGCPOrGLN, "01234561234561111012362*1234567*"),
        .pass("0123456123456111101236212345678"),
        .fail(
            "0123456123456111101236312345678", .couponTruncatedRetailerGCPOrGLN,
            "01234561234561111012363*12345678*"),
        .pass("01234561234561111012363123456789"),
        .fail(
            "01234561234561111012364123456789", .couponTruncatedRetailerGCPOrGLN,
            "01234561234561111012364*123456789*"),
        .pass("012345612345611110123641234567890"),
        .fail(
            "012345612345611110123651234567890", .couponTruncatedRetailerGCPOrGLN,
            "01234561234561111012365*1234567890*"),
        .pass("0123456123456111101236512345678901"),
        .fail(
            "0123456123456111101236612345678901", .couponTruncatedRetailerGCPOrGLN,
            "01234561234561111012366*12345678901*"),
        .pass("01234561234561111012366123456789012"),
        .fail(
            "01234561234561111012367123456789012", .couponTruncatedRetailerGCPOrGLN,
            "01234561234561111012367*123456789012*"),
        .pass("012345612345611110123671234567890123"),
        .fail(
            "0123456123456111101236812345678901234", .couponInvalidRetailerGCPOrGLNLength,
            "0123456123456111101236*8*12345678901234"),
        .fail(
            "01234561234561111012369123456789012345", .couponInvalidRetailerGCPOrGLNLength,
            "0123456123456111101236*9*123456789012345"),
        .fail("0123456123456111101236112345670", .couponExcessData, "012345612345611110123611234567*0*"),
    ]

    /// Optional field 9, the miscellaneous flags.
    static let miscellaneousFieldCases: [LintCase] =
        [
            .fail("0123456123456111101239", .couponMissingSaveValueCode, "*0123456123456111101239*"),
            .fail("01234561234561111012390", .couponMissingSaveValueAppliesToItem, "*01234561234561111012390*"),
            .fail("01234561234561111012391", .couponMissingSaveValueAppliesToItem, "*01234561234561111012391*"),
            .fail("01234561234561111012392", .couponMissingSaveValueAppliesToItem, "*01234561234561111012392*"),
            .fail("01234561234561111012393", .couponInvalidSaveValueCode, "0123456123456111101239*3*"),
            .fail("01234561234561111012394", .couponInvalidSaveValueCode, "0123456123456111101239*4*"),
            .fail("01234561234561111012395", .couponMissingSaveValueAppliesToItem, "*01234561234561111012395*"),
            .fail("01234561234561111012396", .couponMissingSaveValueAppliesToItem, "*01234561234561111012396*"),
            .fail("01234561234561111012397", .couponInvalidSaveValueCode, "0123456123456111101239*7*"),
            .fail("01234561234561111012398", .couponInvalidSaveValueCode, "0123456123456111101239*8*"),
            .fail("01234561234561111012399", .couponInvalidSaveValueCode, "0123456123456111101239*9*"),
            .fail("012345612345611110123900", .couponMissingStoreCouponFlag, "*012345612345611110123900*"),
            .fail("012345612345611110123901", .couponMissingStoreCouponFlag, "*012345612345611110123901*"),
            .fail("012345612345611110123902", .couponMissingStoreCouponFlag, "*012345612345611110123902*"),
        ]
        + (3...9).map {
            .fail(
                "01234561234561111012390\($0)", .couponInvalidSaveValueAppliesToItem, "01234561234561111012390*\($0)*")
        }
        + (0...9).map {
            .fail(
                "012345612345611110123900\($0)", .couponMissingDontMultiplyFlag, "*012345612345611110123900\($0)*")
        }
        + [
            .pass("01234561234561111012390000"),
            .pass("01234561234561111012390001"),
        ]
        + (2...9).map {
            .fail(
                "0123456123456111101239000\($0)", .couponInvalidDontMultiplyFlag, "0123456123456111101239000*\($0)*")
        }
        + [
            .fail("012345612345611110123900000", .couponExcessData, "01234561234561111012390000*0*")
        ]

    /// The examples in "North American Coupon Application Guideline Using GS1 DataBar Expanded Symbols" R2.0.
    static let guidelineExamples: [LintCase] = [
        .pass("10614141011111275110111"),
        .pass("106141410222223100110222111101231023456721104561045678991201"),
        .pass("1061414165432131501101201211014092110256100126663101231"),
        .pass("106141410012342501106501013085093101231"),
        .pass("106141410012471011076011110850921108609310123191000"),
        .pass("106141411234562891101201212085010048000214025610048000310123191000"),
        .pass("1061414154321031501101201211014092110256100126663101231"),
        .pass("106141416543213500110000310123196000"),
    ]

    @Test(arguments: couponcodeCases)
    func couponcode(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.couponcode.check)
    }

    static let couponposofferCases: [LintCase] =
        [
            .fail("a01234561234560123456", .nonDigitCharacter, "*a*01234561234560123456"),
            .fail("00123456123456012345a", .nonDigitCharacter, "00123456123456012345*a*"),
            .fail("", .couponMissingFormatCode, "**"),
            .pass("001234561234560123456"),
            .pass("101234561234560123456"),
        ]
        + (2...9).map {
            .fail("\($0)01234561234560123456", .couponInvalidFormatCode, "*\($0)*01234561234560123456")
        }
        + [
            .fail("0", .couponMissingFunderVLI, "*0*"),
            .fail("00", .couponTruncatedFunder, "*00*"),
            .fail("001", .couponTruncatedFunder, "00*1*"),
            .fail("0012", .couponTruncatedFunder, "00*12*"),
            .fail("00123", .couponTruncatedFunder, "00*123*"),
            .fail("001234", .couponTruncatedFunder, "00*1234*"),
            .fail("0012345", .couponTruncatedFunder, "00*12345*"),
            .fail("00123456", .couponTruncatedOfferCode, "*00123456*"),
            .fail("01123456", .couponTruncatedFunder, "01*123456*"),
            .fail("011234567", .couponTruncatedOfferCode, "*011234567*"),
            .fail("021234567", .couponTruncatedFunder, "02*1234567*"),
            .fail("0212345678", .couponTruncatedOfferCode, "*0212345678*"),
            .fail("0312345678", .couponTruncatedFunder, "03*12345678*"),
            .fail("03123456789", .couponTruncatedOfferCode, "*03123456789*"),
            .fail("04123456789", .couponTruncatedFunder, "04*123456789*"),
            .fail("041234567890", .couponTruncatedOfferCode, "*041234567890*"),
            .fail("051234567890", .couponTruncatedFunder, "05*1234567890*"),
            .fail("0512345678901", .couponTruncatedOfferCode, "*0512345678901*"),
            .fail("0612345678901", .couponTruncatedFunder, "06*12345678901*"),
            .fail("06123456789012", .couponTruncatedOfferCode, "*06123456789012*"),
            .fail("07", .couponInvalidFunderLength, "0*7*"),
            .fail("08", .couponInvalidFunderLength, "0*8*"),
            .fail("09", .couponInvalidFunderLength, "0*9*"),
            .fail("001234561", .couponTruncatedOfferCode, "00123456*1*"),
            .fail("0012345612", .couponTruncatedOfferCode, "00123456*12*"),
            .fail("00123456123", .couponTruncatedOfferCode, "00123456*123*"),
            .fail("001234561234", .couponTruncatedOfferCode, "00123456*1234*"),
            .fail("0012345612345", .couponTruncatedOfferCode, "00123456*12345*"),
            .fail("00123456123456", .couponMissingSerialNumberVLI, "*00123456123456*"),
            .fail("001234561234560", .couponTruncatedSerialNumber, "*001234561234560*"),
            .fail("0012345612345601", .couponTruncatedSerialNumber, "001234561234560*1*"),
            .fail("00123456123456012", .couponTruncatedSerialNumber, "001234561234560*12*"),
            .fail("001234561234560123", .couponTruncatedSerialNumber, "001234561234560*123*"),
            .fail("0012345612345601234", .couponTruncatedSerialNumber, "001234561234560*1234*"),
            .fail("00123456123456012345", .couponTruncatedSerialNumber, "001234561234560*12345*"),
            .pass("001234561234560123456"),
            .fail("001234561234561123456", .couponTruncatedSerialNumber, "001234561234561*123456*"),
            .pass("0012345612345611234567"),
            .fail("0012345612345621234567", .couponTruncatedSerialNumber, "001234561234562*1234567*"),
            .pass("00123456123456212345678"),
            .fail("00123456123456312345678", .couponTruncatedSerialNumber, "001234561234563*12345678*"),
            .pass("001234561234563123456789"),
            .fail("001234561234564123456789", .couponTruncatedSerialNumber, "001234561234564*123456789*"),
            .pass("0012345612345641234567890"),
            .fail("0012345612345651234567890", .couponTruncatedSerialNumber, "001234561234565*1234567890*"),
            .pass("00123456123456512345678901"),
            .fail("00123456123456612345678901", .couponTruncatedSerialNumber, "001234561234566*12345678901*"),
            .pass("001234561234566123456789012"),
            .fail("001234561234567123456789012", .couponTruncatedSerialNumber, "001234561234567*123456789012*"),
            .pass("0012345612345671234567890123"),
            .fail("0012345612345681234567890123", .couponTruncatedSerialNumber, "001234561234568*1234567890123*"),
            .pass("00123456123456812345678901234"),
            .fail(
                "00123456123456912345678901234", .couponTruncatedSerialNumber, "001234561234569*12345678901234*"),
            .pass("001234561234569123456789012345"),
            .fail("0012345612345601234567", .couponExcessData, "001234561234560123456*7*"),
            .fail(
                "06123456789012123456912345678901234", .couponTruncatedSerialNumber,
                "061234567890121234569*12345678901234*"),
            .pass("061234567890121234569123456789012345"),
            .fail(
                "0612345678901212345691234567890123456", .couponExcessData, "061234567890121234569123456789012345*6*"),
        ]

    @Test(arguments: couponposofferCases)
    func couponposoffer(_ testCase: LintCase) {
        expectLint(testCase, with: GS1Linter.couponposoffer.check)
    }

    @Test func expirationBeforeStartShowsBothDates() {
        let failure = GS1Linter.couponcode.lint(Array("01234561234561111012335006064500607".utf8)[...])
        #expect(failure?.message == "the coupon expires (500606) before it starts (500607)")
    }
}
