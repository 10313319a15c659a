// swift-format-ignore-file
// Generated from docs/openapi.yaml by scripts/openapi-swift (make openapi); edit the YAML, not this file.

/// The OpenAPI document of central's API, served at `GET /openapi.yaml`.
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.0.3
        info:
          title: Tally central
          version: "1"
          description: |
            The sync API between Tally stations and tally-central. A station enrols once with a one-time code and gets
            a token; every later request carries it as `Authorization: Bearer …`, and central takes the station from the
            token alone. Events go up in ordered batches; the catalog and the plans made for the station come down as
            changes since a cursor. Times are milliseconds since 1970 (UTC); amounts are integer minor units.
        servers:
          - url: /
        paths:
          /health:
            get:
              summary: Whether the process answers.
              operationId: health
              responses:
                "200":
                  description: It answers.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Health"
          /ready:
            get:
              summary: Whether central can serve requests (its database answers).
              operationId: ready
              responses:
                "200":
                  description: Ready.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Health"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /openapi.yaml:
            get:
              summary: This document.
              operationId: openAPIDocument
              responses:
                "200":
                  description: The document.
                  content:
                    application/yaml:
                      schema:
                        type: string
          /sync/v1/enroll:
            post:
              summary: Trade a one-time enrolment code for the station's token.
              operationId: enroll
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/EnrollRequest"
              responses:
                "201":
                  description: Enrolled. The token is shown this once; central keeps only its hash.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/EnrollResponse"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "403":
                  description: The code is mistyped, used already or expired.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Problem"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /sync/v1/events:
            post:
              summary: Push a batch of the station's events in sequence order.
              description: |
                Central applies the batch in one transaction, exactly once per event id, and answers with the highest
                sequence it now holds for the station. Events it holds already count as duplicates; events after a gap
                wait for the missing ones.
              operationId: pushEvents
              security:
                - stationToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/PushRequest"
              responses:
                "200":
                  description: Applied.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PushResponse"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/Unauthorized"
                "409":
                  description: The batch contradicts what central holds; nothing of it was applied.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Problem"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /sync/v1/changes:
            get:
              summary: The catalog changes after a cursor, a page at a time.
              description: |
                Records come in cursor order, each in its current version; a removed record, or one meant for other
                stations, comes as a removal. The answer is gzip-compressed when the station accepts it.
              operationId: changes
              security:
                - stationToken: []
              parameters:
                - name: after
                  in: query
                  description: The cursor the station holds; 0 for everything.
                  schema:
                    type: integer
                    format: int64
                    minimum: 0
                    default: 0
                - name: limit
                  in: query
                  description: The most changes in the page.
                  schema:
                    type: integer
                    minimum: 1
                    maximum: 20000
                    default: 5000
              responses:
                "200":
                  description: A page of changes.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ChangesPage"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/Unauthorized"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /sync/v1/status:
            get:
              summary: What central knows of the station asking.
              operationId: syncStatus
              security:
                - stationToken: []
              responses:
                "200":
                  description: The station as central knows it.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SyncStatus"
                "401":
                  $ref: "#/components/responses/Unauthorized"
                "503":
                  $ref: "#/components/responses/Unavailable"
        components:
          securitySchemes:
            stationToken:
              type: http
              scheme: bearer
              description: The token the station got at enrolment.
          responses:
            BadRequest:
              description: The request is not what the API expects; the message says what to fix.
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            Unauthorized:
              description: No token, or one central does not accept (revoked, or never given).
              headers:
                WWW-Authenticate:
                  schema:
                    type: string
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            TooLarge:
              description: The body is larger than 8 MiB.
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            Unavailable:
              description: Central could not record the request (its database did not answer); send it again.
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
          schemas:
            Health:
              type: object
              required: [status]
              properties:
                status:
                  type: string
            Problem:
              type: object
              required: [error]
              properties:
                error:
                  type: string
                  description: What went wrong, in words.
                highestSequence:
                  type: integer
                  format: int64
                  description: For sync conflicts, the highest sequence central holds for the station.
            EnrollRequest:
              type: object
              required: [code]
              properties:
                code:
                  type: string
                  description: The one-time code, such as K7QM-2XHD-94TA; case, spaces and hyphens do not matter.
                stationCode:
                  type: string
                  description: The station's own code from its configuration.
            EnrollResponse:
              type: object
              required: [stationID, name, token]
              properties:
                stationID:
                  type: string
                name:
                  type: string
                token:
                  type: string
            EventEnvelope:
              type: object
              required: [id, sequence, createdAt, type, payload]
              properties:
                id:
                  type: string
                  minLength: 1
                  maxLength: 64
                  description: The event's id, made on the station (a UUID).
                sequence:
                  type: integer
                  format: int64
                  minimum: 1
                  description: The event's place in the station's gapless sequence.
                createdAt:
                  type: integer
                  format: int64
                type:
                  type: string
                  enum: [sale.completed, basket.voided, return.completed, period.closed]
                payload:
                  type: object
                  description: The event's facts; their fields depend on the type (Sources/TallySync/StationEvents.swift).
            PushRequest:
              type: object
              required: [events]
              properties:
                events:
                  type: array
                  maxItems: 500
                  items:
                    $ref: "#/components/schemas/EventEnvelope"
            PushResponse:
              type: object
              required: [highestSequence, applied, duplicates]
              properties:
                highestSequence:
                  type: integer
                  format: int64
                applied:
                  type: integer
                duplicates:
                  type: integer
            SyncStatus:
              type: object
              required: [stationID, name, highestSequence]
              properties:
                stationID:
                  type: string
                name:
                  type: string
                highestSequence:
                  type: integer
                  format: int64
            ChangesPage:
              type: object
              required: [changes, nextCursor, more, highestCursor]
              properties:
                changes:
                  type: array
                  items:
                    $ref: "#/components/schemas/CatalogChange"
                nextCursor:
                  type: integer
                  format: int64
                  description: Where the next page starts.
                more:
                  type: boolean
                highestCursor:
                  type: integer
                  format: int64
                  description: Central's newest change, for showing progress.
            CatalogChange:
              type: object
              required: [cursor, kind, key]
              properties:
                cursor:
                  type: integer
                  format: int64
                kind:
                  type: string
                  enum: [tax-class, product, location, user, purchase-order, count-task]
                key:
                  type: string
                removed:
                  type: boolean
                record:
                  oneOf:
                    - $ref: "#/components/schemas/TaxClassRecord"
                    - $ref: "#/components/schemas/ProductRecord"
                    - $ref: "#/components/schemas/LocationRecord"
                    - $ref: "#/components/schemas/UserRecord"
                    - $ref: "#/components/schemas/PurchaseOrderRecord"
                    - $ref: "#/components/schemas/CountTaskRecord"
            TaxClassRecord:
              type: object
              required: [id, name, treatment, ratePPM, isStandard]
              properties:
                id: {type: string}
                name: {type: string}
                treatment: {type: string, enum: [taxed, exempt, outside]}
                ratePPM: {type: integer, format: int64, minimum: 0, maximum: 1000000}
                isStandard: {type: boolean}
              additionalProperties: false
            ProductRecord:
              type: object
              required: [id, name, unit, taxClassID, active, barcodes, prices]
              properties:
                id: {type: string}
                name: {type: string}
                unit: {type: string, enum: [piece, weight]}
                taxClassID: {type: string}
                active: {type: boolean}
                barcodes:
                  type: array
                  items: {type: string}
                prices:
                  type: array
                  items:
                    type: object
                    required: [validFrom, amount, currency]
                    properties:
                      validFrom: {type: integer, format: int64}
                      amount: {type: integer, format: int64, minimum: 0}
                      currency: {type: string, pattern: "^[A-Z]{3}$"}
              additionalProperties: false
            LocationRecord:
              type: object
              required: [id, name, kind]
              properties:
                id: {type: string}
                name: {type: string}
                kind: {type: string}
              additionalProperties: false
            UserRecord:
              type: object
              required: [id, name, role, pinHash]
              properties:
                id: {type: string}
                name: {type: string}
                role: {type: string, enum: [cashier, dock-clerk, stocktaker, manager, admin]}
                pinHash: {type: string}
                stations:
                  type: array
                  items: {type: string}
              additionalProperties: false
            PurchaseOrderRecord:
              type: object
              required: [id, number, supplierID, supplierName, status, locationID, lines]
              properties:
                id: {type: string}
                number: {type: string}
                supplierID: {type: string}
                supplierName: {type: string}
                status: {type: string}
                locationID: {type: string}
                expectedAt: {type: integer, format: int64}
                lines:
                  type: array
                  items:
                    type: object
                    required: [number, productID, quantity]
                    properties:
                      number: {type: integer}
                      productID: {type: string}
                      quantity: {type: integer, format: int64, minimum: 1}
              additionalProperties: false
            CountTaskRecord:
              type: object
              required: [id, productIDs, status]
              properties:
                id: {type: string}
                locationID: {type: string}
                productIDs:
                  type: array
                  items: {type: string}
                status: {type: string}
                dueAt: {type: integer, format: int64}
              additionalProperties: false
        """#
}
