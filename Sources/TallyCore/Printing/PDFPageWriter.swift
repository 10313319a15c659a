/// Writes ``PrintedPage``s as one PDF document, a PDF page for each.
///
/// The file is PDF 1.4 written out directly: a catalog, a page tree, the two fonts, an information dictionary,
/// and for each page its page object and an uncompressed content stream; then the cross-reference table and the
/// trailer. Rectangles are filled black paths (`re`, `f`); text uses Helvetica and Helvetica Bold, two of the
/// standard 14 Type 1 fonts every PDF reader has built in, with `WinAnsiEncoding`, so nothing is embedded.
/// Characters that encoding lacks print as `?`; `(`, `)` and `\` are escaped in strings, and bytes above ASCII
/// are written as octal escapes, so the file is ASCII after its second line.
///
/// Millimetres become points (1/72 inch) and the origin moves from the top left corner to PDF's bottom left.
public enum PDFPageWriter {
    /// The bytes of the PDF document.
    public static func pdf(_ pages: [PrintedPage], title: String) -> [UInt8] {
        var file = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        func object(_ body: [UInt8]) {
            offsets.append(file.count)
            file += Array("\(offsets.count) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        func object(_ body: String) { object(Array(body.utf8)) }

        // Objects 1 to 5, then two for each page: the page (6, 8, …) and its contents (7, 9, …).
        let kids = pages.indices.map { "\(6 + 2 * $0) 0 R" }.joined(separator: " ")
        object("<< /Type /Catalog /Pages 2 0 R >>")
        object("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        object(Array("<< /Title ".utf8) + literal(title) + Array(" /Producer (Tally) >>".utf8))
        for (index, page) in pages.enumerated() {
            let contents = contentStream(page)
            object(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(points(page.width)) \(points(page.height))] "
                    + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(7 + 2 * index) 0 R >>")
            object(Array("<< /Length \(contents.count) >>\nstream\n".utf8) + contents + Array("\nendstream".utf8))
        }

        let crossReference = file.count
        var table = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += padded(offset, to: 10) + " 00000 n \n" }
        table += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n"
        table += "\(crossReference)\n%%EOF\n"
        file += Array(table.utf8)
        return file
    }

    /// The drawing operators of a page: every rectangle filled black as one path, then the lines of text.
    static func contentStream(_ page: PrintedPage) -> [UInt8] {
        var stream = "0 g\n"
        for rectangle in page.rectangles {
            stream += "\(points(rectangle.x)) \(points(page.height - rectangle.y - rectangle.height)) "
            stream += "\(points(rectangle.width)) \(points(rectangle.height)) re\n"
        }
        if !page.rectangles.isEmpty { stream += "f\n" }
        var bytes = Array(stream.utf8)
        if page.texts.isEmpty { return bytes }
        bytes += Array("BT\n".utf8)
        for text in page.texts {
            let font = text.weight == .bold ? "/F2" : "/F1"
            let line =
                "\(font) \(PrintedPage.decimal(text.size, places: 2)) Tf 1 0 0 1 \(points(text.left)) "
                + "\(points(page.height - text.baseline)) Tm "
            bytes += Array(line.utf8) + literal(text.string) + Array(" Tj\n".utf8)
        }
        bytes += Array("ET".utf8)
        return bytes
    }

    /// Millimetres in points, to a thousandth of a point.
    static func points(_ millimetres: Double) -> String {
        PrintedPage.decimal(millimetres / PrintedPage.millimetresPerPoint, places: 3)
    }

    /// `text` as a PDF literal string in `WinAnsiEncoding`: `(`, `)` and `\` escaped with a backslash, bytes
    /// outside printable ASCII as three octal digits.
    static func literal(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "(")]
        for scalar in text.unicodeScalars {
            let byte = HelveticaMetrics.winAnsiByte(for: scalar)
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                bytes += [UInt8(ascii: "\\"), byte]
            case 0x20...0x7E:
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "\\"), 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
            }
        }
        bytes.append(UInt8(ascii: ")"))
        return bytes
    }

    /// `value` with leading zeros to `width` digits, as the cross-reference table writes offsets.
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
