import Crypto
import Foundation

/// The operator display `GET /display` serves: one HTML page with its CSS and JavaScript inline, no external
/// resources, following `GET /lane-events`.
///
/// The page is a string in the binary rather than a bundled resource: `tallyd` stays one file that needs no
/// resource bundle found beside it at run time, and `swift build` needs no resource rules. Only the JSON in
/// `<script id="tally-config">` changes per station; the script and the style are fixed, so the
/// Content-Security-Policy allows exactly them by hash and nothing from elsewhere.
struct DisplayPage {
    var stationCode: String
    var shopName: String
    /// The lanes shown, side by side, in this order.
    var lanes: [String]
    var currency: String
    /// The currency's minor-unit exponent (2 for EUR), so amounts in minor units are shown exactly.
    var exponent: Int

    private struct Configuration: Encodable {
        var station: String
        var shop: String
        var lanes: [String]
        var currency: String
        var exponent: Int
        var events: String
    }

    /// The page, with the station's configuration as JSON that cannot end its `<script>` element.
    func html() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(
            Configuration(
                station: stationCode, shop: shopName, lanes: lanes, currency: currency, exponent: exponent,
                events: "/lane-events" + (lanes.count == 1 ? "?lane=\(lanes[0])" : "")))
        var json = ""
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": json += "\\u003c"
            case ">": json += "\\u003e"
            case "&": json += "\\u0026"
            case "\u{2028}": json += "\\u2028"
            case "\u{2029}": json += "\\u2029"
            default: json.unicodeScalars.append(scalar)
            }
        }
        return Self.head + "<style>" + Self.style + "</style>\n</head>\n<body data-connection=\"connecting\">\n"
            + "<script id=\"tally-config\" type=\"application/json\">" + json + "</script>\n"
            + Self.body + "<script>" + Self.script + "</script>\n</body>\n</html>\n"
    }

    /// Allows the page's own style and script (by their SHA-256) and connections back to tallyd, nothing else.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src '\(hash(style))'; script-src '\(hash(script))'; connect-src 'self'; "
        + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }

    private static let head = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Tally lanes</title>

        """

    private static let body = """
        <header class="topbar">
          <span class="where"><span id="shop"></span><span class="station" id="station"></span></span>
          <span class="live" id="live">Connecting</span>
        </header>
        <div class="lost" id="lost" role="alert" hidden>
          <span class="lost-title">Lost the station</span>
          <span class="lost-detail" id="lost-detail">Reconnecting…</span>
        </div>
        <main class="lanes" id="lanes"></main>

        """

    static let style = """
        :root {
          color-scheme: dark;
          --bg: #0a0e13; --panel: #121922; --raised: #1a2330; --rule: #263244;
          --text: #f4f6f9; --muted: #a9b4c4;
          --sale: #1d4ed8; --return: #b45309; --receive: #047857; --count: #6d28d9; --price: #0e7490;
          --refused: #c81e1e; --attention: #fbbf24; --good: #16a34a; --damaged: #dc2626;
        }
        * { box-sizing: border-box; }
        html, body { margin: 0; height: 100%; background: var(--bg); color: var(--text); }
        body {
          display: flex; flex-direction: column; overflow: hidden;
          font-family: "Inter", "Roboto", "Noto Sans", "DejaVu Sans", system-ui, sans-serif;
          -webkit-font-smoothing: antialiased; cursor: default; user-select: none;
        }
        [hidden] { display: none !important; }
        .topbar {
          display: flex; justify-content: space-between; align-items: center;
          padding: 10px 28px; font-size: 22px; color: var(--muted);
        }
        .topbar .station { margin-left: 14px; padding-left: 14px; border-left: 2px solid var(--rule); }
        .live::before {
          content: ""; display: inline-block; width: 14px; height: 14px; margin-right: 10px;
          border-radius: 50%; background: var(--muted); vertical-align: 1px;
        }
        body[data-connection="live"] .live::before { background: var(--good); }
        body[data-connection="lost"] .live { color: var(--attention); }
        body[data-connection="lost"] .live::before { background: var(--attention); }
        .lost {
          display: flex; align-items: baseline; gap: 24px; margin: 0 16px 8px; padding: 18px 28px;
          border-radius: 14px; background: var(--attention); color: #111;
        }
        .lost-title { font-size: 40px; font-weight: 800; }
        .lost-detail { font-size: 28px; font-weight: 600; }
        body[data-connection="lost"] .lane { opacity: .45; filter: grayscale(.8); }
        body[data-connection="lost"] .actions { pointer-events: none; }
        .lanes {
          flex: 1; min-height: 0; display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr);
          gap: 16px; padding: 0 16px 16px;
        }
        .lane {
          display: flex; flex-direction: column; min-height: 0; overflow: hidden;
          background: var(--panel); border-radius: 16px; container-type: inline-size;
          --mode: #334155;
        }
        .lane[data-mode="SALE"] { --mode: var(--sale); }
        .lane[data-mode="RETURN"] { --mode: var(--return); }
        .lane[data-mode="RECEIVE"] { --mode: var(--receive); }
        .lane[data-mode="COUNT"] { --mode: var(--count); }
        .lane[data-mode="PRICE"] { --mode: var(--price); }
        .band {
          display: flex; justify-content: space-between; align-items: baseline; gap: 24px;
          padding: 20px 28px; background: var(--mode); color: #fff;
        }
        .mode-name { font-size: 52px; font-weight: 800; letter-spacing: .06em; text-transform: uppercase; }
        .lane-name { font-size: 28px; font-weight: 600; opacity: .92; }
        .refused {
          display: grid; grid-template-columns: auto 1fr; gap: 4px 20px; align-items: baseline;
          padding: 18px 28px; background: var(--refused); color: #fff;
        }
        .refused-title { font-size: 32px; font-weight: 800; text-transform: uppercase; letter-spacing: .04em; }
        .refused-input {
          font-family: "DejaVu Sans Mono", "Roboto Mono", monospace; font-size: 28px; overflow-wrap: anywhere;
        }
        .refused-reason { grid-column: 1 / -1; font-size: 30px; font-weight: 600; overflow-wrap: anywhere; }
        .refused.flash { animation: flash .6s ease-out 2; }
        @keyframes flash { 50% { background: #ff4d4d; } }
        .notices:empty { display: none; }
        .notices { display: grid; gap: 10px; padding: 14px 20px 0; }
        .notice {
          padding: 14px 22px; border-radius: 12px; background: var(--attention); color: #111;
          font-size: 30px; font-weight: 700; overflow-wrap: anywhere;
        }
        .notice.recount { padding: 22px; font-size: 46px; font-weight: 800; text-align: center; }
        .notice.recount small { display: block; font-size: 26px; font-weight: 600; }
        .notice.damaged { background: var(--damaged); color: #fff; }
        .notice.count-warning {
          border: 3px solid var(--attention); background: #2b2208; color: #fde68a; font-weight: 600;
        }
        .body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
        .content { flex: 1; min-height: 0; overflow-y: auto; padding: 6px 28px 12px; overscroll-behavior: contain; }
        .content.scrolled { mask-image: linear-gradient(to bottom, transparent 0, #000 56px); }
        .heading {
          display: flex; flex-wrap: wrap; gap: 6px 28px; padding: 14px 0 10px; border-bottom: 2px solid var(--rule);
          font-size: 26px; color: var(--muted);
        }
        .heading strong { color: var(--text); font-weight: 700; }
        .empty { padding: 16vh 0 0; text-align: center; font-size: 42px; font-weight: 600; color: var(--muted); }
        .empty.after { padding-top: 4vh; font-size: 32px; }
        .result { padding: 12vh 0 0; text-align: center; font-size: 48px; font-weight: 700; overflow-wrap: anywhere; }
        .line {
          display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 28px; align-items: center;
          padding: 14px 0; border-bottom: 1px solid var(--rule);
        }
        .line .name { font-size: 32px; font-weight: 600; overflow-wrap: anywhere; }
        .line .detail { grid-column: 1; font-size: 24px; color: var(--muted); }
        .line .amount {
          grid-column: 2; grid-row: 1 / span 2; font-size: 34px; font-weight: 700; text-align: right;
          font-variant-numeric: tabular-nums; white-space: nowrap;
        }
        .line.voided .name, .line.voided .amount { color: var(--muted); text-decoration: line-through; }
        .line.fresh { animation: fresh 1.4s ease-out; }
        @keyframes fresh { from { background: rgba(96, 165, 250, .25); } to { background: transparent; } }
        .badge {
          display: inline-block; margin-left: 14px; padding: 2px 12px; border-radius: 8px; vertical-align: 4px;
          font-size: 20px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; color: #fff;
          background: #475569;
        }
        .status-complete .badge { background: var(--good); }
        .status-short .badge { background: #b45309; }
        .status-over .badge { background: #c2410c; }
        .status-unexpected .badge { background: #7c3aed; }
        .status-wrong-item .badge { background: var(--damaged); }
        .progress {
          grid-column: 1 / -1; display: flex; height: 16px; margin-top: 6px; overflow: hidden;
          border-radius: 8px; background: #2a3647;
        }
        .progress .received { background: var(--good); }
        .progress .damaged { background: var(--damaged); }
        .status-over .progress .received { background: #ea580c; }
        .status-unexpected .progress .received { background: #8b5cf6; }
        .status-wrong-item .progress .received { background: var(--damaged); }
        .figures { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px 28px; font-size: 26px; }
        .figures span { color: var(--muted); }
        .figures b { color: var(--text); font-variant-numeric: tabular-nums; }
        .lots { grid-column: 1 / -1; font-size: 22px; color: var(--muted); }
        .side { display: flex; flex-direction: column; border-top: 2px solid var(--rule); background: var(--raised); }
        .summary { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 32px; padding: 16px 28px 10px; }
        .summary:empty { display: none; }
        .figure { display: flex; flex-direction: column; min-width: 0; }
        .figure .label { font-size: 26px; font-weight: 600; color: var(--muted); }
        .figure .value {
          font-size: 56px; font-weight: 800; line-height: 1.1; font-variant-numeric: tabular-nums; white-space: nowrap;
        }
        .figure.main {
          grid-column: 1 / -1; flex-direction: row; justify-content: space-between; align-items: baseline;
        }
        .figure.main .label { font-size: 34px; color: var(--text); }
        .figure.main .value { font-size: 80px; }
        .tenders { grid-column: 1 / -1; font-size: 24px; color: var(--muted); }
        .message {
          display: flex; justify-content: space-between; gap: 20px; padding: 12px 28px; min-height: 60px;
          border-top: 1px solid var(--rule); font-size: 28px; color: var(--muted);
        }
        .message .text { overflow-wrap: anywhere; }
        .message .receipt { white-space: nowrap; }
        .actions { display: flex; gap: 16px; padding: 4px 28px 24px; }
        .actions:empty { display: none; }
        button {
          flex: 1; min-height: 72px; padding: 0 24px; border: 2px solid #5c6d85; border-radius: 14px;
          background: #223044; color: var(--text); font: inherit; font-size: 28px; font-weight: 700;
          touch-action: manipulation;
        }
        button:active:not(:disabled) { background: #34465f; }
        button:disabled { opacity: .35; }
        @container (min-width: 1300px) {
          .body { flex-direction: row; }
          .side { width: 640px; border-top: none; border-left: 2px solid var(--rule); }
          .summary { grid-template-columns: 1fr; }
          .figure.main { flex-direction: column; }
          .message { flex: 1; flex-direction: column; justify-content: flex-start; }
        }
        @media (prefers-reduced-motion: reduce) { .line.fresh, .refused.flash { animation: none; } }
        """

    static let script = """
        "use strict";
        (() => {
          const config = JSON.parse(document.getElementById("tally-config").textContent);
          const params = new URLSearchParams(location.search);
          const locale = (() => {
            try { return Intl.getCanonicalLocales(params.get("locale") || [])[0]; } catch { return undefined; }
          })();
          const showActions = params.get("actions") !== "off";
          const MODES = {
            SALE: "Sale", RETURN: "Return", RECEIVE: "Receiving", COUNT: "Stock count", PRICE: "Price check",
          };
          const PROMPTS = {
            SALE: "Scan an item", RETURN: "Scan the receipt", RECEIVE: "Scan the purchase order",
            COUNT: "Scan the location label", PRICE: "Scan an item to see its price",
          };
          const STATUS = {
            open: "Open", complete: "Complete", short: "Short", over: "Over", unexpected: "Not ordered",
            "wrong-item": "Wrong item",
          };

          // Every text goes in as a text node: nothing from the station is ever parsed as HTML.
          function el(tag, className, ...children) {
            const node = document.createElement(tag);
            if (className) node.className = className;
            for (const child of children) {
              if (child !== null && child !== undefined && child !== false) node.append(child);
            }
            return node;
          }

          // Minor units as an exact decimal string: "1234" with exponent 2 is "12.34".
          function decimal(minor, exponent) {
            const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
            const whole = exponent ? digits.slice(0, -exponent) : digits;
            return (minor < 0 ? "-" : "") + whole + (exponent ? "." + digits.slice(-exponent) : "");
          }
          const moneyFormats = new Map();
          function money(minor, currency) {
            if (!moneyFormats.has(currency)) {
              let format = null;
              try {
                const exponent = currency === config.currency ? config.exponent
                  : new Intl.NumberFormat("en", { style: "currency", currency })
                    .resolvedOptions().maximumFractionDigits;
                const nf = new Intl.NumberFormat(locale, {
                  style: "currency", currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent,
                });
                format = { exponent, nf };
              } catch { format = null; }
              moneyFormats.set(currency, format);
            }
            const format = moneyFormats.get(currency);
            if (!format) return decimal(minor, 2) + " " + currency;
            return format.nf.format(decimal(minor, format.exponent));
          }
          const pieces = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
          const kilograms = new Intl.NumberFormat(locale, {
            style: "unit", unit: "kilogram", minimumFractionDigits: 3, maximumFractionDigits: 3,
          });
          function quantity(amount, unit) {
            return unit === "weight" ? kilograms.format(decimal(amount, 3)) : pieces.format(amount);
          }
          function figure(label, value, className) {
            return el("div", "figure" + (className ? " " + className : ""),
              el("span", "label", label), el("span", "value", value));
          }
          function pair(label, value) { return el("span", null, label + " ", el("b", null, value)); }

          class LaneView {
            constructor(id) {
              this.id = id;
              this.snapshot = null;
              this.root = el("section", "lane");
              this.root.dataset.lane = id;
              this.modeName = el("span", "mode-name", "…");
              this.band = el("header", "band", this.modeName, el("span", "lane-name", id));
              this.refusedInput = el("span", "refused-input");
              this.refusedReason = el("div", "refused-reason");
              this.refused = el("div", "refused",
                el("span", "refused-title", "Refused"), this.refusedInput, this.refusedReason);
              this.refused.setAttribute("role", "alert");
              this.refused.hidden = true;
              this.notices = el("div", "notices");
              this.content = el("div", "content");
              this.summary = el("div", "summary");
              this.messageText = el("span", "text");
              this.receipt = el("span", "receipt");
              this.message = el("div", "message", this.messageText, this.receipt);
              this.voidButton = el("button", "void", "Void last line");
              this.cancelButton = el("button", "cancel", "Cancel");
              this.voidButton.addEventListener("click", () => this.command("void"));
              this.cancelButton.addEventListener("click", () => this.command("cancel"));
              this.actions = el("div", "actions");
              if (showActions) this.actions.append(this.voidButton, this.cancelButton);
              this.content.addEventListener("scroll", () => {
                this.content.classList.toggle("scrolled", this.content.scrollTop > 0);
              }, { passive: true });
              this.root.append(this.band, this.refused, this.notices,
                el("div", "body", this.content, el("div", "side", this.summary, this.message, this.actions)));
            }

            async command(name) {
              try {
                // A refusal comes back as the lane's refused band, through the event stream.
                await fetch(`/lanes/${encodeURIComponent(this.id)}/${name}`, {
                  method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
                });
              } catch {
                connection.lost();
              }
            }

            // The refused band stays until the lane changes otherwise: the station keeps its last refusal, and
            // clears the lane's message whenever it refuses something.
            refusalShown(s, previous) {
              if (!s.lastRejection) return false;
              if (!previous) return !s.lastMessage;
              if (JSON.stringify(s.lastRejection) !== JSON.stringify(previous.lastRejection)) return true;
              const rest = (x) => JSON.stringify({ ...x, lastRejection: null, lastMessage: null });
              if (rest(s) !== rest(previous)) return false;
              if (s.lastMessage !== previous.lastMessage) return !s.lastMessage;
              return !this.refused.hidden;
            }

            show(s) {
              const previous = this.snapshot;
              this.snapshot = s;
              this.root.dataset.mode = s.mode;
              this.modeName.textContent = MODES[s.mode] || s.mode;
              const refused = this.refusalShown(s, previous);
              if (refused) {
                this.refusedInput.textContent = s.lastRejection.input || "";
                this.refusedReason.textContent = s.lastRejection.reason;
                const isNew = this.refused.hidden
                  || JSON.stringify(s.lastRejection) !== JSON.stringify(previous && previous.lastRejection);
                if (isNew) {
                  this.refused.classList.remove("flash");
                  void this.refused.offsetWidth;
                  this.refused.classList.add("flash");
                }
              }
              this.refused.hidden = !refused;
              this.notices.replaceChildren(...this.noticesFor(s));
              this.content.replaceChildren(...this.contentFor(s, previous));
              this.content.scrollTop = this.content.scrollHeight;
              this.content.classList.toggle("scrolled", this.content.scrollTop > 0);
              this.summary.replaceChildren(...this.summaryFor(s));
              const messageInContent = s.mode === "PRICE" && !s.basket;
              this.messageText.textContent = messageInContent ? "" : (s.lastMessage || "");
              this.receipt.textContent = s.lastReceipt ? `Last receipt ${s.lastReceipt}` : "";
              const basket = s.basket;
              this.voidButton.disabled = !(
                (basket && basket.lines.some((line) => !line.voided))
                || (s.receiving && s.receiving.lines.length) || (s.count && s.count.lines.length));
              this.cancelButton.disabled = !(
                (basket && (basket.pendingQuantity || basket.awaitingPriceFor)) || s.return || s.receiving
                || s.count);
            }

            noticesFor(s) {
              const notices = [];
              const pending = (s.basket && s.basket.pendingQuantity) || (s.receiving && s.receiving.pendingQuantity)
                || (s.count && s.count.pendingQuantity);
              if (pending) notices.push(el("div", "notice pending", `Next scan × ${pieces.format(pending)}`));
              if (s.basket && s.basket.awaitingPriceFor) {
                notices.push(el("div", "notice price-needed",
                  `Price needed for ${s.basket.awaitingPriceFor}: a supervisor enters it`));
              }
              if (s.receiving && s.receiving.condition === "damaged") {
                notices.push(el("div", "notice damaged", "Damaged goods: the next scans are recorded as damaged"));
              }
              if (s.count && s.count.recount) {
                notices.push(el("div", "notice recount", "Recount this location",
                  el("small", null, "The count differs too much: count it again, then submit")));
              }
              if (s.count && s.count.warning) notices.push(el("div", "notice count-warning", s.count.warning));
              return notices;
            }

            contentFor(s, previous) {
              const parts = [];
              if (s.receiving) parts.push(...this.receivingFor(s.receiving));
              if (s.count) parts.push(...this.countFor(s.count));
              if (s.return) parts.push(...this.returnFor(s.return, s.currency));
              if (s.basket) {
                parts.push(...this.basketFor(s.basket, s.currency, previous ? previous.basket || null : undefined));
              }
              if (s.mode === "PRICE" && !s.basket && s.lastMessage) parts.push(el("div", "result", s.lastMessage));
              if (!s.basket && !s.return && !s.receiving && !s.count) {
                parts.push(el("div", parts.length ? "empty after" : "empty", PROMPTS[s.mode] || ""));
              }
              return parts;
            }

            basketFor(basket, currency, before) {
              // Lines that are new or changed since the last snapshot are marked for a moment; none on a first sight.
              const earlier = before === undefined ? null
                : new Map(((before && before.id === basket.id && before.lines) || [])
                  .map((line) => [line.number, JSON.stringify(line)]));
              return basket.lines.map((line) => {
                const row = el("div", "line" + (line.voided ? " voided" : ""),
                  el("div", "name", line.name),
                  el("div", "detail", line.unit === "weight"
                    ? `${quantity(line.quantity, line.unit)} × ${money(line.unitPrice, currency)}/kg`
                    : `${quantity(line.quantity, line.unit)} × ${money(line.unitPrice, currency)}`
                      + (line.voided ? " · voided" : "")),
                  el("div", "amount", money(line.amount, currency)));
                row.dataset.line = line.number;
                row.dataset.quantity = line.quantity;
                if (earlier && earlier.get(line.number) !== JSON.stringify(line)) row.classList.add("fresh");
                return row;
              });
            }

            returnFor(r, currency) {
              const heading = el("div", "heading", pair("Receipt", r.receipt), pair("Stock to", r.disposition));
              return [heading, ...r.lines.map((line) => {
                const row = el("div", "line" + (line.selected ? " selected" : ""),
                  el("div", "name", line.name),
                  el("div", "detail", `sold ${pieces.format(line.sold)} · returned before `
                    + pieces.format(line.alreadyReturned) + (line.disposition ? ` · ${line.disposition}` : "")),
                  el("div", "amount", line.selected ? `↩ ${pieces.format(line.selected)}` : "–"));
                row.dataset.line = line.number;
                return row;
              })];
            }

            receivingFor(r) {
              const heading = el("div", "heading",
                pair("Order", r.order || "none"), r.supplier && pair("Supplier", r.supplier),
                pair("To", r.location), r.pallets.length > 0 && pair("Pallets", pieces.format(r.pallets.length)));
              return [heading, ...r.lines.map((line) => {
                const status = line.status || "open";
                const whole = Math.max(line.ordered, line.received + line.damaged, 1);
                const lots = line.lots.filter((lot) => lot.lot || lot.expiry);
                const bar = el("div", "progress", el("span", "received"), el("span", "damaged"));
                bar.children[0].style.width = `${(100 * line.received) / whole}%`;
                bar.children[1].style.width = `${(100 * line.damaged) / whole}%`;
                const row = el("div", `line receiving status-${status}`,
                  el("div", "name", line.name, el("span", "badge", STATUS[status] || status)),
                  el("div", "amount", `${pieces.format(line.received)} / ${pieces.format(line.ordered)}`),
                  el("div", "figures", pair("ordered", pieces.format(line.ordered)),
                    pair("received", pieces.format(line.received)), pair("damaged", pieces.format(line.damaged)),
                    pair("open", pieces.format(line.open))),
                  bar,
                  lots.length ? el("div", "lots", lots.map((lot) =>
                    `lot ${lot.lot || "–"}${lot.expiry ? ` (best before ${lot.expiry})` : ""} × `
                    + pieces.format(lot.quantity)).join(" · ")) : null);
                row.dataset.status = status;
                return row;
              })];
            }

            countFor(c) {
              const heading = el("div", "heading", pair("Location", c.location || "not scanned yet"),
                c.taskID && pair("Task", c.taskID));
              if (!c.lines.length) {
                return [heading, el("div", "empty after", c.recount ? "Scan every item on it again" : "Scan the items")];
              }
              return [heading, ...c.lines.map((line) => el("div", "line counted",
                el("div", "name", line.name),
                line.lot ? el("div", "detail", `lot ${line.lot}`) : null,
                el("div", "amount", pieces.format(line.counted))))];
            }

            summaryFor(s) {
              if (s.basket) {
                const b = s.basket;
                const parts = [figure("Total", money(b.total, s.currency), "main total"),
                  figure("Paid", money(b.paid, s.currency), "paid"),
                  figure("To pay", money(b.remaining, s.currency), "remaining")];
                if (b.tenders.length) {
                  parts.push(el("div", "tenders", b.tenders.map((t) =>
                    `${t.kind.toLowerCase()} ${money(t.applied, s.currency)}`).join(" · ")));
                }
                return parts;
              }
              if (s.return) return [figure("Refund", money(s.return.refund, s.currency), "main refund")];
              if (s.receiving) {
                const r = s.receiving;
                return [figure("Received", `${pieces.format(r.received)} / ${pieces.format(r.ordered)}`,
                  "main received"), figure("Open", pieces.format(r.open), "open")];
              }
              if (s.count) return [figure("Counted", pieces.format(s.count.counted), "main counted")];
              return [];
            }
          }

          const views = new Map();
          const lanes = document.getElementById("lanes");
          for (const id of config.lanes) {
            const view = new LaneView(id);
            views.set(id, view);
            lanes.append(view.root);
          }
          document.getElementById("shop").textContent = config.shop;
          document.getElementById("station").textContent = config.station;
          document.title = `Tally ${config.station}: ${config.lanes.join(", ")}`;

          const live = document.getElementById("live");
          const lostBanner = document.getElementById("lost");
          const lostDetail = document.getElementById("lost-detail");
          const connection = {
            state: "connecting",
            set(state) {
              this.state = state;
              document.body.dataset.connection = state;
              live.textContent = { live: "Live", lost: "Reconnecting", connecting: "Connecting" }[state];
              lostBanner.hidden = state !== "lost";
            },
            lost() {
              if (this.state === "lost") return;
              const time = new Date().toLocaleTimeString(locale);
              lostDetail.textContent = `since ${time}: reconnecting by itself, this screen is not up to date`;
              this.set("lost");
            },
          };

          let source = null;
          function connect() {
            source = new EventSource(config.events);
            source.addEventListener("lane", (event) => {
              const snapshot = JSON.parse(event.data);
              const view = views.get(snapshot.lane);
              if (view) view.show(snapshot);
              if (connection.state !== "live") connection.set("live");
            });
            source.addEventListener("error", () => {
              connection.lost();
              // The browser reconnects by itself unless the stream was refused outright; then start afresh.
              if (source.readyState === EventSource.CLOSED) {
                source.close();
                setTimeout(connect, 3000);
              }
            });
          }
          connect();

          // For checks and demonstrations: show a snapshot as if the station had sent it.
          window.tallyDisplay = {
            show(snapshot) { const view = views.get(snapshot.lane); if (view) view.show(snapshot); },
            get connection() { return connection.state; },
          };
        })();

        """
}
