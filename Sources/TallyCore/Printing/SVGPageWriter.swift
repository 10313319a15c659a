/// Writes a ``PrintedPage`` as an SVG document sized in millimetres, one document per page.
///
/// The document's `width` and `height` are the paper's in `mm` and its `viewBox` counts millimetres, so a
/// browser, Inkscape or `rsvg-convert` prints it at its real size. A white rectangle covers the page first, so
/// the page is white also where the viewer's background is not. Rectangles are filled black; text is Helvetica
/// (Arial or Liberation Sans where Helvetica is missing), escaped for XML, with characters XML 1.0 cannot hold
/// written as `?`.
public enum SVGPageWriter {
    /// The SVG document of `page`, with `title` as its `<title>`.
    public static func svg(_ page: PrintedPage, title: String) -> String {
        let width = number(page.width)
        let height = number(page.height)
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)mm" height="\(height)mm" \
            viewBox="0 0 \(width) \(height)">
            <title>\(escaped(title))</title>
            <rect width="\(width)" height="\(height)" fill="#fff"/>
            <g fill="#000">

            """
        for rectangle in page.rectangles {
            svg += "<rect x=\"\(number(rectangle.x))\" y=\"\(number(rectangle.y))\" "
            svg += "width=\"\(number(rectangle.width))\" height=\"\(number(rectangle.height))\"/>\n"
        }
        svg += "</g>\n<g fill=\"#000\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\">\n"
        for text in page.texts {
            svg += "<text x=\"\(number(text.x))\" y=\"\(number(text.baseline))\" "
            svg += "font-size=\"\(number(text.sizeInMillimetres))\""
            if text.weight == .bold { svg += " font-weight=\"bold\"" }
            switch text.alignment {
            case .leading: break
            case .center: svg += " text-anchor=\"middle\""
            case .trailing: svg += " text-anchor=\"end\""
            }
            svg += ">\(escaped(text.string))</text>\n"
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    /// Millimetres to a ten-thousandth, far finer than any printer's dot.
    static func number(_ value: Double) -> String { PrintedPage.decimal(value, places: 4) }

    /// `text` safe inside an XML element or a quoted attribute.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "?"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
