/// The part of `docs/openapi.yaml` that describes the back office's records, written from ``RecordKinds`` so the
/// document cannot drift from what the API does: for each kind its list, add, import, read and change, and the
/// schemas of a record as answered and as sent. A test checks that the document holds this text.
enum OpenAPIRecords {
    /// The paths, indented to sit under `paths:`.
    static var paths: String {
        RecordKinds.all.map(paths).joined()
    }

    /// The schemas, indented to sit under `components: schemas:`.
    static var schemas: String {
        RecordKinds.all.map(schemas).joined()
            + """
                FieldProblem:
                  type: object
                  required: [error, fields]
                  properties:
                    error: {type: string}
                    fields:
                      type: object
                      additionalProperties: {type: string}
                      description: What is wrong, by field.
                ImportReport:
                  type: object
                  required: [kind, rows, added, changed, unchanged, imported, problemCount, problems]
                  properties:
                    kind: {type: string}
                    rows: {type: integer}
                    added: {type: integer}
                    changed: {type: integer}
                    unchanged: {type: integer}
                    imported:
                      type: boolean
                      description: False when any row has a problem; then nothing was stored.
                    problemCount: {type: integer}
                    problems:
                      type: array
                      items:
                        type: object
                        required: [row, message]
                        properties:
                          row: {type: integer, description: "The row in the file; the header is row 1."}
                          field: {type: string, nullable: true}
                          message: {type: string}

            """
    }

    /// The schema of a record as answered (`ProductItem`); `ProductInput` as sent. (`ProductRecord` is the
    /// catalog record stations pull, `Supplier` the management API's supplier.)
    static func name(_ kind: RecordKind) -> String { camel(kind.title) + "Item" }

    static func inputName(_ kind: RecordKind) -> String { camel(kind.title) + "Input" }

    static func camel(_ words: String) -> String {
        words.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func responses(_ codes: [String], fieldProblems: Bool = false) -> String {
        let references = [
            "400": "BadRequest", "401": "UserUnauthorized", "403": "RoleForbidden", "404": "NotFound",
            "413": "TooLarge", "503": "Unavailable",
        ]
        return codes.map { code in
            if code == "422" && fieldProblems {
                return """
                            "422":
                              description: What is wrong, by field; nothing was stored.
                              content:
                                application/json:
                                  schema:
                                    $ref: "#/components/schemas/FieldProblem"

                    """
            }
            return """
                        "\(code)":
                          $ref: "#/components/responses/\(references[code]!)"

                """
        }.joined()
    }

    /// Operations of a record's path that are not the back office's own: the management API's PUT of a supplier.
    static let otherOperations: [String: String] = [
        "supplier": """
            put:
              summary: Add or replace a supplier.
              description: |
                Orders made later copy the supplier's name and tolerance; orders made before keep theirs.
              operationId: putSupplier
              security:
                - managerToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/SupplierRequest"
              responses:
                "200":
                  description: Replaced.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Supplier"
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Supplier"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  $ref: "#/components/responses/Unprocessable"
                "503":
                  $ref: "#/components/responses/Unavailable"

        """
    ]

    static func paths(_ kind: RecordKind) -> String {
        let schema = name(kind)
        let one = kind.title.lowercased()
        var text = """
              \(kind.apiPath):
                get:
                  summary: \(kind.pluralTitle), a page at a time, optionally searched.
                  operationId: list\(camel(kind.pluralTitle))
                  security:
                    - userToken: []
                  parameters:
                    - {name: q, in: query, description: "Text the record holds (a product also by barcode).", schema: {type: string, maxLength: 200}}
                    - {name: sort, in: query, description: A field to sort by, schema: {type: string}}
                    - {name: dir, in: query, schema: {type: string, enum: [asc, desc]}}
                    - $ref: "#/components/parameters/Limit"
                    - $ref: "#/components/parameters/Offset"
                  responses:
                    "200":
                      description: The page and how many match in all.
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [items, total, limit, offset]
                            properties:
                              items:
                                type: array
                                items:
                                  $ref: "#/components/schemas/\(schema)"
                              total: {type: integer}
                              limit: {type: integer}
                              offset: {type: integer}

            """
        text += responses(["400", "401", "403", "503"])
        text += """
                post:
                  summary: Add a \(one).
                  description: Fields left out take their defaults; a code left out is made up.
                  operationId: add\(schema)
                  security:
                    - userToken: []
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/\(inputName(kind))"
                  responses:
                    "201":
                      description: Added.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/\(schema)"

            """
        text += responses(["400", "401", "403", "413", "422", "503"], fieldProblems: true)
        text += """
              \(kind.apiPath)/import:
                post:
                  summary: Import \(kind.pluralTitle.lowercased()) from CSV, whole or not at all.
                  description: |
                    The header row names the fields; a row whose id is known changes the columns in the file, any other
                    row adds a \(one). A file with any problem stores nothing (422, with the report).
                  operationId: import\(camel(kind.pluralTitle))
                  security:
                    - userToken: []
                  requestBody:
                    required: true
                    content:
                      text/csv:
                        schema:
                          type: string
                  responses:
                    "200":
                      description: Stored.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ImportReport"
                    "422":
                      description: Nothing was stored; the report names each row, column and problem.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/ImportReport"

            """
        text += responses(["401", "403", "413", "503"])
        text += """
              \(kind.apiPath)/{id}:
                parameters:
                  - {name: id, in: path, required: true, description: "The \(one)'s code.", schema: {type: string, minLength: 1, maxLength: 64}}
                get:
                  summary: A \(one).
                  operationId: get\(schema)
                  security:
                    - userToken: []
                  responses:
                    "200":
                      description: The \(one).
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/\(schema)"

            """
        text += responses(["401", "403", "404", "503"])
        text += """
                patch:
                  summary: Change the fields the body names.
                  operationId: change\(schema)
                  security:
                    - userToken: []
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          $ref: "#/components/schemas/\(inputName(kind))"
                  responses:
                    "200":
                      description: Changed.
                      content:
                        application/json:
                          schema:
                            $ref: "#/components/schemas/\(schema)"

            """
        text += responses(["400", "401", "403", "404", "413", "422", "503"], fieldProblems: true)
        return text + (otherOperations[kind.name] ?? "")
    }

    static func property(_ field: RecordField, nullable: Bool) -> String {
        var parts: [String]
        switch field.kind {
        case .text(let maximum), .multiline(let maximum): parts = ["type: string", "maxLength: \(maximum)"]
        case .email: parts = ["type: string", "maxLength: 254"]
        case .integer(let range):
            parts = ["type: integer", "minimum: \(range.lowerBound)", "maximum: \(range.upperBound)"]
        case .money: parts = ["type: integer", "format: int64", "minimum: 0", "description: \"Minor units (cents).\""]
        case .percent:
            parts = ["type: integer", "minimum: 0", "maximum: 1000000", "description: \"Millionths: 19 % is 190000.\""]
        case .choice(let choices):
            parts = ["type: string", "enum: [" + choices.map(\.value).joined(separator: ", ") + "]"]
        case .reference(let target):
            parts = [
                "type: string", "maxLength: 64",
                "description: \"The code of a \(RecordKinds.named(target)?.title.lowercased() ?? target).\"",
            ]
        case .flag: parts = ["type: boolean"]
        case .codes:
            parts = [
                "type: array", "items: {type: string, maxLength: 64}",
                "description: \"GTINs (kept as GTIN-14) or store labels.\"",
            ]
        }
        if nullable { parts.append("nullable: true") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func schemas(_ kind: RecordKind) -> String {
        let schema = name(kind)
        let answered = kind.fields.map { field in
            "        \(field.key): \(property(field, nullable: field.key != "id" && field.key != "name" && field.defaultValue == .null))\n"
        }.joined()
        let sent = kind.fields.map { field in
            "        \(field.key): \(property(field, nullable: field.key != "id"))\n"
        }.joined()
        return """
                \(schema):
                  type: object
                  required: [\(kind.fields.map(\.key).joined(separator: ", "))]
                  properties:

            """ + answered + """
                    \(inputName(kind)):
                      type: object
                      additionalProperties: false
                      properties:

                """ + sent
    }
}
