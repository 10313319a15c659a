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
            The sync API between Tally stations and tally-central, and the management API managers plan and decide with.

            A station enrols once with a one-time code and gets a token; every later request carries it as
            `Authorization: Bearer …`, and central takes the station from the token alone. Events go up in ordered
            batches; the catalog and the plans made for the station come down as changes since a cursor.

            The management API under `/api/v1` takes a manager's token from `tally-central manager add NAME` (a station's
            token is refused there with 403). Suppliers, purchase orders and count tasks made there are written as catalog
            records, so stations receive them with their next pull; purchase orders follow the goods receipts stations
            report, and a manager's decision on a count goes back to the stations as its count task's record, with the
            corrections central booked. Every input is checked: a body that is not the JSON expected is a 400, something
            unknown or out of range a 422 that names it, a state that does not allow the request a 409.

            The back office's REST API, also under `/api/v1`, takes a user's API token (`tlu_…`, made on the account page),
            which acts with its user's role as docs/ACCESS.md says, or a manager's token, which acts as the manager role.
            Each kind of record (products, categories, tax-classes, locations, warehouses, suppliers, customers) is listed,
            added, imported from CSV, read and changed alike; a field that is wrong answers 422 with a message per field.

            Times are milliseconds since 1970 (UTC); amounts are integer minor units; quantities are pieces, or grams for
            items sold by weight.
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
          /api/v1/purchase-orders:
            get:
              summary: Purchase orders, drafts too, newest first.
              operationId: listPurchaseOrders
              security:
                - userToken: []
              parameters:
                - {name: status, in: query, schema: {type: string, enum: [draft, sent, partly-received, received, closed, cancelled]}}
                - {name: q, in: query, description: "Text in the number or the supplier's name.", schema: {type: string, maxLength: 200}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/PurchaseOrderSummary"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Make a purchase order and send it to the stations.
              description: |
                Central makes the order's id and numbers its lines from 1; the order is `sent`, with the supplier's name and
                tolerance, and stations receive it with their next pull. The number must be unique and printable as a Tally
                code (1 to 24 capital letters, digits and inner dots); the supplier, the location and every product must be
                known; an announced pallet holds only products of the order.
              operationId: createPurchaseOrder
              security:
                - managerToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/PurchaseOrderRequest"
              responses:
                "201":
                  description: Made and sent.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  $ref: "#/components/responses/Unprocessable"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/purchase-orders/{id}:
            parameters:
              - $ref: "#/components/parameters/PurchaseOrderID"
            get:
              summary: A purchase order as the stations have it.
              description: |
                With each line's `received` (the good quantity of the ordered product received against the line, summed
                over the goods receipts central holds), the receipts, and the status: `sent`, `partly-received`, `received`
                (every line has its quantity), `closed` or `cancelled`.
              operationId: getPurchaseOrder
              security:
                - managerToken: []
              responses:
                "200":
                  description: The order.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/purchase-orders/{id}/cancel:
            parameters:
              - $ref: "#/components/parameters/PurchaseOrderID"
            post:
              summary: Cancel an order nothing was received against.
              description: |
                Goods that arrive for a cancelled order are still booked (they are there), and the receipt is reported.
              operationId: cancelPurchaseOrder
              security:
                - managerToken: []
              responses:
                "200":
                  description: Cancelled; stations receive the change.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/purchase-orders/{id}/close:
            parameters:
              - $ref: "#/components/parameters/PurchaseOrderID"
            post:
              summary: Close an order, ending its backorder.
              operationId: closePurchaseOrder
              security:
                - managerToken: []
              responses:
                "200":
                  description: Closed; stations receive the change.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/goods-receipts:
            get:
              summary: Goods receipts the stations reported, newest first.
              description: |
                A receipt for an order central does not know, or one cancelled or closed, is booked all the same and carries
                `orderProblem`; `problems=true` lists only those.
              operationId: listGoodsReceipts
              security:
                - managerToken: []
              parameters:
                - name: purchaseOrderID
                  in: query
                  description: Only the receipts of this order.
                  schema:
                    type: string
                    minLength: 1
                    maxLength: 64
                - name: problems
                  in: query
                  description: Only the receipts whose order is unknown, cancelled or closed.
                  schema:
                    type: boolean
                    default: false
                - $ref: "#/components/parameters/Limit"
              responses:
                "200":
                  description: The receipts.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/GoodsReceiptList"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/count-tasks:
            post:
              summary: Plan a count and send it to the stations.
              description: |
                A location to count (every item there), some items wherever they are, or some items at a location. The
                task is `open`; stocktakers count it at a station, whose counts come back as `count.submitted` events.
              operationId: createCountTask
              security:
                - managerToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/CountTaskRequest"
              responses:
                "201":
                  description: Planned and sent.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CountTaskRecord"
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
          /api/v1/counts:
            get:
              summary: Counts by status, oldest submission first, with central's expected quantities.
              description: |
                Each line has what was counted, what the station's ledger held when counting started, what central's
                ledger held then (its movements at the count's location, or at every location for a count without one,
                up to `startedAt`), and the variance (counted − central's figure).
              operationId: listCounts
              security:
                - managerToken: []
              parameters:
                - name: status
                  in: query
                  schema:
                    type: string
                    enum: [submitted, approved, rejected]
                    default: submitted
                - $ref: "#/components/parameters/Limit"
              responses:
                "200":
                  description: The counts.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CountList"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/counts/{countID}/approve:
            parameters:
              - $ref: "#/components/parameters/CountID"
            post:
              summary: Approve a count, booking its corrections.
              description: |
                The decision covers every submitted count of the count's task: several stocktakers may count one task, and
                their lines are summed per item, lot and location. Central's expected quantity is its ledger as of the
                earliest `startedAt` of those counts; the correction (counted − expected, reason `count-correction`, with an
                id central makes) is booked into movements and stock in one transaction, dated at that moment, so sales
                made while counting stay booked. The counts become `approved`, and the count task's record (key: the task
                id, or the count id for a count started at a station) becomes `approved` with `countIDs`, `corrections` and
                `decidedAt`: stations book the same corrections when they pull it.

                A count made without a location books its corrections at `locationID` of the body, which it then needs.
                A count that is decided already, or that came after its task was approved, is a 409.
              operationId: approveCount
              security:
                - managerToken: []
              requestBody:
                required: false
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/CountApprovalRequest"
              responses:
                "200":
                  description: Approved; the count task's record as the stations receive it.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CountTaskRecord"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  $ref: "#/components/responses/Unprocessable"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/counts/{countID}/reject:
            parameters:
              - $ref: "#/components/parameters/CountID"
            post:
              summary: Reject a count; its stocktakers count again.
              description: |
                Every submitted count of the task becomes `rejected`, nothing is booked, and the count task's record becomes
                `rejected`; counts submitted for the task afterwards can be approved. A count that came after its task was
                approved is rejected alone, and the task's decision stands (the answer is the task's record as it is).
              operationId: rejectCount
              security:
                - managerToken: []
              responses:
                "200":
                  description: Rejected; the count task's record as the stations receive it.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CountTaskRecord"
                "401":
                  $ref: "#/components/responses/ManagerUnauthorized"
                "403":
                  $ref: "#/components/responses/Forbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "422":
                  $ref: "#/components/responses/Unprocessable"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/me:
            get:
              summary: The user the token speaks for.
              operationId: me
              security:
                - userToken: []
              responses:
                "200":
                  description: The user.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/User"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/me/password:
            post:
              summary: Change one's own password, given the current one.
              description: |
                A wrong current password counts as a failed sign-in of the account, and locks it likewise. Every web session
                of the user ends; API tokens stay.
              operationId: changeOwnPassword
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [current, password]
                      properties:
                        current: {type: string}
                        password: {type: string, description: "10 to 72 bytes, not the e-mail address."}
              responses:
                "204":
                  description: Changed.
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  description: A manager's token from `tally-central manager add`, which has no account of its own.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Problem"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/me/tokens:
            get:
              summary: One's own API tokens, live and revoked, oldest first.
              operationId: listOwnTokens
              security:
                - userToken: []
              responses:
                "200":
                  description: The tokens, without their secrets.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/APIToken"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  description: A manager's token from `tally-central manager add`, which has no account of its own.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Problem"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Make an API token; its secret is in this answer and nowhere else.
              operationId: makeOwnToken
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string, description: "What the token is for, 1 to 200 characters."}
              responses:
                "201":
                  description: Made.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [token, secret]
                        properties:
                          token:
                            $ref: "#/components/schemas/APIToken"
                          secret: {type: string, description: "The bearer token, `tlu_…`."}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  description: A manager's token from `tally-central manager add`, which has no account of its own.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Problem"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/me/tokens/{id}/revoke:
            parameters:
              - {name: id, in: path, required: true, description: "The token's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Revoke one of one's live tokens, the one in use too.
              operationId: revokeOwnToken
              security:
                - userToken: []
              responses:
                "200":
                  description: Revoked.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/APIToken"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  description: A manager's token from `tally-central manager add`, which has no account of its own.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Problem"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/users:
            get:
              summary: Back-office users, a page at a time (administrators).
              operationId: listUsers
              security:
                - userToken: []
              parameters:
                - {name: q, in: query, schema: {type: string, maxLength: 200}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/User"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a user (administrators).
              operationId: addUser
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/NewUser"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/User"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/users/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The user's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A user (administrators).
              operationId: getUser
              security:
                - userToken: []
              responses:
                "200":
                  description: The user.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/User"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change a user's name or role, or disable or enable it (administrators).
              description: |
                What the body leaves out stays. A change of role ends the user's sessions; disabling ends its sessions and
                revokes its tokens. Nobody changes their own role or disables themselves.
              operationId: changeUser
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name: {type: string}
                        role: {type: string, enum: [admin, manager, cashier, dock-clerk, stocktaker, supplier, customer]}
                        supplierID: {type: string, description: "For a supplier user: the supplier it speaks for."}
                        customerID: {type: string, description: "For a customer user: the customer it is."}
                        disabled: {type: boolean}
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/User"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/audit:
            get:
              summary: Entries of the audit trail (administrators).
              description: |
                Newest first, paged by `limit` and `offset`; with `after=N`, the entries after sequence N oldest first, as
                `tallyctl verify --central` walks them.
              operationId: listAudit
              security:
                - userToken: []
              parameters:
                - {name: after, in: query, schema: {type: integer, minimum: 0}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The entries.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/AuditEntry"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/audit/verify:
            get:
              summary: Walk the audit trail's hash chain at central (administrators).
              operationId: verifyAudit
              security:
                - userToken: []
              responses:
                "200":
                  description: What the walk found.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/AuditVerification"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          # The records of the back office, written from RecordKinds (OpenAPIRecords.paths): begin
          /api/v1/products:
            get:
              summary: Products, a page at a time, optionally searched.
              operationId: listProducts
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
                              $ref: "#/components/schemas/ProductItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a product.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addProductItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ProductInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ProductItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/products/import:
            post:
              summary: Import products from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a product. A file with any problem stores nothing (422, with the report).
              operationId: importProducts
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/products/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The product's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A product.
              operationId: getProductItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The product.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ProductItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeProductItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ProductInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ProductItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/categories:
            get:
              summary: Categories, a page at a time, optionally searched.
              operationId: listCategories
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
                              $ref: "#/components/schemas/CategoryItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a category.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addCategoryItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/CategoryInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CategoryItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/categories/import:
            post:
              summary: Import categories from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a category. A file with any problem stores nothing (422, with the report).
              operationId: importCategories
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/categories/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The category's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A category.
              operationId: getCategoryItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The category.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CategoryItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeCategoryItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/CategoryInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CategoryItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/tax-classes:
            get:
              summary: Tax classes, a page at a time, optionally searched.
              operationId: listTaxClasses
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
                              $ref: "#/components/schemas/TaxClassItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a tax class.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addTaxClassItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/TaxClassInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/TaxClassItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/tax-classes/import:
            post:
              summary: Import tax classes from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a tax class. A file with any problem stores nothing (422, with the report).
              operationId: importTaxClasses
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/tax-classes/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The tax class's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A tax class.
              operationId: getTaxClassItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The tax class.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/TaxClassItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeTaxClassItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/TaxClassInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/TaxClassItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/locations:
            get:
              summary: Locations, a page at a time, optionally searched.
              operationId: listLocations
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
                              $ref: "#/components/schemas/LocationItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a location.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addLocationItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/LocationInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/LocationItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/locations/import:
            post:
              summary: Import locations from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a location. A file with any problem stores nothing (422, with the report).
              operationId: importLocations
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/locations/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The location's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A location.
              operationId: getLocationItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The location.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/LocationItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeLocationItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/LocationInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/LocationItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/warehouses:
            get:
              summary: Warehouses, a page at a time, optionally searched.
              operationId: listWarehouses
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
                              $ref: "#/components/schemas/WarehouseItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a warehouse.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addWarehouseItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/WarehouseInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/WarehouseItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/warehouses/import:
            post:
              summary: Import warehouses from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a warehouse. A file with any problem stores nothing (422, with the report).
              operationId: importWarehouses
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/warehouses/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The warehouse's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A warehouse.
              operationId: getWarehouseItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The warehouse.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/WarehouseItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeWarehouseItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/WarehouseInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/WarehouseItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/suppliers:
            get:
              summary: Suppliers, a page at a time, optionally searched.
              operationId: listSuppliers
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
                              $ref: "#/components/schemas/SupplierItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a supplier.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addSupplierItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/SupplierInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SupplierItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/suppliers/import:
            post:
              summary: Import suppliers from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a supplier. A file with any problem stores nothing (422, with the report).
              operationId: importSuppliers
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/suppliers/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The supplier's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A supplier.
              operationId: getSupplierItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The supplier.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SupplierItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeSupplierItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/SupplierInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SupplierItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
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
          /api/v1/customers:
            get:
              summary: Customers, a page at a time, optionally searched.
              operationId: listCustomers
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
                              $ref: "#/components/schemas/CustomerItem"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Add a customer.
              description: Fields left out take their defaults; a code left out is made up.
              operationId: addCustomerItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/CustomerInput"
              responses:
                "201":
                  description: Added.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CustomerItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/customers/import:
            post:
              summary: Import customers from CSV, whole or not at all.
              description: |
                The header row names the fields; a row whose id is known changes the columns in the file, any other
                row adds a customer. A file with any problem stores nothing (422, with the report).
              operationId: importCustomers
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
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/customers/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The customer's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: A customer.
              operationId: getCustomerItem
              security:
                - userToken: []
              responses:
                "200":
                  description: The customer.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CustomerItem"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
            patch:
              summary: Change the fields the body names.
              operationId: changeCustomerItem
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/CustomerInput"
              responses:
                "200":
                  description: Changed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/CustomerItem"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          # The records of the back office: end
          # Sales orders, payments, returns and the customer portal: begin
          /api/v1/sales-orders:
            get:
              summary: Placed sales orders, newest first (lines are left out; read an order for them).
              operationId: listSalesOrders
              security:
                - userToken: []
              parameters:
                - {name: q, in: query, description: "Text in the number or the customer's name.", schema: {type: string, maxLength: 200}}
                - {name: status, in: query, schema: {type: string, enum: [pending, confirmed, shipped, delivered, cancelled]}}
                - {name: customer, in: query, description: "One customer's code.", schema: {type: string, minLength: 1, maxLength: 64}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/SalesOrder"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Place an order for a customer, priced now.
              description: Checked against what is available and, paid on account, the customer's credit limit.
              operationId: placeSalesOrder
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/PlaceSalesOrder"
              responses:
                "201":
                  description: Placed, pending.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: An order with its money, invoices, payments and returns.
              operationId: getSalesOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: The order.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrderDetail"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}/confirm:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Confirm a pending order.
              operationId: confirmSalesOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: Done.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}/deliver:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Mark a shipped order delivered.
              operationId: deliverSalesOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: Done.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}/cancel:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Cancel an order not yet shipped.
              operationId: cancelSalesOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: Done.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}/ship:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Ship a confirmed order from a location; its stock leaves there and its invoice is issued.
              operationId: shipSalesOrder
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ShipSalesOrder"
              responses:
                "200":
                  description: Shipped.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}/payments:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Record a payment against the order (at most what is due) or a refund (at most what was paid beyond what it charges).
              operationId: recordSalesPayment
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/PaymentInput"
              responses:
                "201":
                  description: Recorded.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Payment"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/sales-orders/{id}/returns:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Take goods of a shipped order back to a location, with a credit note and, with a refund method, a refund.
              operationId: returnSalesGoods
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ReturnInput"
              responses:
                "201":
                  description: Booked.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesReturn"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/invoices/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The invoice's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: An invoice or credit note.
              operationId: getInvoice
              security:
                - userToken: []
              responses:
                "200":
                  description: The invoice.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Invoice"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/payments:
            get:
              summary: Payments and refunds, newest first.
              operationId: listPayments
              security:
                - userToken: []
              parameters:
                - {name: customer, in: query, description: "One customer's code.", schema: {type: string, minLength: 1, maxLength: 64}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/Payment"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/balances:
            get:
              summary: What each customer who was ever invoiced or paid owes, most first.
              operationId: listBalances
              security:
                - userToken: []
              responses:
                "200":
                  description: The balances.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/Account"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/shop/products:
            get:
              summary: The catalog as a customer sees it, with prices and what can be ordered now.
              operationId: listShopProducts
              security:
                - userToken: []
              parameters:
                - {name: q, in: query, schema: {type: string, maxLength: 200}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/ShopProduct"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/shop/orders:
            get:
              summary: The customer's own orders, newest first.
              operationId: listShopOrders
              security:
                - userToken: []
              parameters:
                - {name: status, in: query, schema: {type: string, enum: [pending, confirmed, shipped, delivered, cancelled]}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/SalesOrder"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
            post:
              summary: Place an order as the customer (customerID is ignored).
              operationId: placeShopOrder
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/PlaceSalesOrder"
              responses:
                "201":
                  description: Placed, pending.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/shop/orders/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: One of the customer's orders.
              operationId: getShopOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: The order.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrderDetail"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/shop/orders/{id}/cancel:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Cancel one of the customer's orders while it is pending.
              operationId: cancelShopOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: Cancelled.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SalesOrder"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/shop/account:
            get:
              summary: What the customer owes.
              operationId: getShopAccount
              security:
                - userToken: []
              responses:
                "200":
                  description: The account.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Account"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/stock/import:
            post:
              summary: Import opening stock from CSV, whole or not at all.
              description: |
                Columns product (a code or barcode), location, lot (optional) and quantity on hand; the difference from
                what central holds is booked, so the same file twice changes nothing. A file with any problem books
                nothing (422, with the report).
              operationId: importOpeningStock
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
                  description: Booked.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ImportReport"
                "422":
                  description: Nothing was booked; the report names each row, column and problem.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ImportReport"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "503":
                  $ref: "#/components/responses/Unavailable"
          # Sales orders, payments, returns and the customer portal: end
          # Supplier portal and proposals: begin
          /api/v1/supplier/orders:
            get:
              summary: The supplier's own orders (sent and after), newest first.
              operationId: listSupplierOrders
              security:
                - userToken: []
              parameters:
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/SupplierOrder"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/supplier/orders/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            get:
              summary: One of the supplier's orders, with its confirmation and shipment notices.
              operationId: getSupplierOrder
              security:
                - userToken: []
              responses:
                "200":
                  description: The order.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/SupplierOrder"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/supplier/orders/{id}/confirm:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Confirm an open order with the day it will be delivered; the order's expected day becomes that day.
              operationId: confirmSupplierOrder
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ConfirmOrderInput"
              responses:
                "200":
                  description: Confirmed.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/supplier/orders/{id}/shipments:
            parameters:
              - {name: id, in: path, required: true, description: "The order's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Announce a shipment of an open order, pallet by pallet; the dock receives a pallet by scanning its SSCC.
              description: Each pallet's SSCC must carry its check digit and be announced nowhere else; each content a product on the order; the quantities in all at most what was ordered plus the supplier's tolerance.
              operationId: announceShipment
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ShipmentInput"
              responses:
                "201":
                  description: Announced.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/ShipmentNotice"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/supplier/products:
            get:
              summary: The products that name the supplier as their preferred supplier, with a pending proposal if any.
              operationId: listSupplierProducts
              security:
                - userToken: []
              responses:
                "200":
                  description: The products.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/SupplierProduct"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/supplier/products/{id}/proposals:
            parameters:
              - {name: id, in: path, required: true, description: "The product's code.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Propose a new price, description or GTINs for one of the supplier's products; a manager approves it.
              operationId: proposeProductChange
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/ProposalInput"
              responses:
                "201":
                  description: Proposed; it replaces a pending one.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Proposal"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/proposals:
            get:
              summary: Suppliers' proposals, newest first.
              operationId: listProposals
              security:
                - userToken: []
              parameters:
                - {name: status, in: query, schema: {type: string, enum: [pending, approved, rejected, replaced]}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: The page.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, total, limit, offset]
                        properties:
                          items:
                            type: array
                            items:
                              $ref: "#/components/schemas/Proposal"
                          total: {type: integer}
                          limit: {type: integer}
                          offset: {type: integer}
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/proposals/{id}/approve:
            parameters:
              - {name: id, in: path, required: true, description: "The proposal's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Approve a pending proposal; the product changes, checked, audited and sent to the stations.
              operationId: approveProposal
              security:
                - userToken: []
              responses:
                "200":
                  description: Approved.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Proposal"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/proposals/{id}/reject:
            parameters:
              - {name: id, in: path, required: true, description: "The proposal's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Reject a pending proposal with a reason the supplier sees.
              operationId: rejectProposal
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/RejectProposalInput"
              responses:
                "200":
                  description: Rejected.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Proposal"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          # Supplier portal and proposals: end
          # Purchase-order drafts, reorder suggestions and alerts: begin
          /api/v1/purchase-orders/drafts:
            post:
              summary: Make a draft order (it stays in the back office until sent).
              operationId: makePurchaseOrderDraft
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/DraftInput"
              responses:
                "201":
                  description: The draft.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/purchase-orders/drafts/{id}:
            parameters:
              - {name: id, in: path, required: true, description: "The draft's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Change a draft; its supplier, location, expected day and lines become those given.
              operationId: changePurchaseOrderDraft
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/DraftInput"
              responses:
                "200":
                  description: The draft.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/purchase-orders/drafts/{id}/send:
            parameters:
              - {name: id, in: path, required: true, description: "The draft's id.", schema: {type: string, minLength: 1, maxLength: 64}}
            post:
              summary: Send a draft to the docks (and the supplier).
              operationId: sendPurchaseOrderDraft
              security:
                - userToken: []
              responses:
                "200":
                  description: Sent.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "404":
                  $ref: "#/components/responses/NotFound"
                "409":
                  $ref: "#/components/responses/Conflict"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/reorder-suggestions:
            get:
              summary: Products whose stock on hand plus what is on order is below their reorder point.
              operationId: listReorderSuggestions
              security:
                - userToken: []
              responses:
                "200":
                  description: The suggestions.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/ReorderSuggestion"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/reorder-suggestions/drafts:
            post:
              summary: A draft order of one supplier's suggested lines.
              operationId: draftFromSuggestions
              security:
                - userToken: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: "#/components/schemas/SuggestedDraftInput"
              responses:
                "201":
                  description: The draft.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/PurchaseOrderRecord"
                "400":
                  $ref: "#/components/responses/BadRequest"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "413":
                  $ref: "#/components/responses/TooLarge"
                "422":
                  description: What is wrong, by field; nothing was stored.
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/FieldProblem"
                "503":
                  $ref: "#/components/responses/Unavailable"
          /api/v1/alerts:
            get:
              summary: Low stock, orders past their expected day, counts with a large variance, as they hold now.
              operationId: listAlerts
              security:
                - userToken: []
              responses:
                "200":
                  description: The alerts.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: "#/components/schemas/Alert"
                "401":
                  $ref: "#/components/responses/UserUnauthorized"
                "403":
                  $ref: "#/components/responses/RoleForbidden"
                "503":
                  $ref: "#/components/responses/Unavailable"
          # Purchase-order drafts, reorder suggestions and alerts: end
        components:
          securitySchemes:
            stationToken:
              type: http
              scheme: bearer
              description: The token the station got at enrolment.
            managerToken:
              type: http
              scheme: bearer
              description: A manager's token from `tally-central manager add NAME`.
            userToken:
              type: http
              scheme: bearer
              description: |
                A back-office user's API token (`tlu_…`, made on the account page), which acts with its user's role; a
                manager's token acts as the manager role.
          parameters:
            SupplierID:
              name: id
              in: path
              required: true
              description: The supplier's id, chosen by the manager.
              schema:
                type: string
                minLength: 1
                maxLength: 64
              example: fresh-farms
            PurchaseOrderID:
              name: id
              in: path
              required: true
              description: The order's id.
              schema:
                type: string
                minLength: 1
                maxLength: 64
              example: po-1
            CountID:
              name: countID
              in: path
              required: true
              description: The count's id, made by the station that submitted it.
              schema:
                type: string
                minLength: 1
                maxLength: 64
              example: count-1
            Limit:
              name: limit
              in: query
              description: The most records in the answer.
              schema:
                type: integer
                minimum: 1
                maximum: 1000
                default: 100
            Offset:
              name: offset
              in: query
              description: How many records to skip.
              schema:
                type: integer
                minimum: 0
                default: 0
          responses:
            UserUnauthorized:
              description: No token, or one central does not accept as a user's or a manager's (revoked, or never given).
              headers:
                WWW-Authenticate:
                  schema:
                    type: string
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            RoleForbidden:
              description: The token's role does not open this route (docs/ACCESS.md says which do).
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
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
            ManagerUnauthorized:
              description: No token, or one central does not accept as a manager's (revoked, or never given).
              headers:
                WWW-Authenticate:
                  schema:
                    type: string
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            Forbidden:
              description: A station's token, which does not open the management API.
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            NotFound:
              description: Central holds nothing under that id.
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            Conflict:
              description: The request contradicts what central holds (decided already, a number taken); nothing changed.
              content:
                application/json:
                  schema:
                    $ref: "#/components/schemas/Problem"
            Unprocessable:
              description: The request names something central does not know, or breaks a rule; the message says which.
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
                  enum:
                    - sale.completed
                    - basket.voided
                    - return.completed
                    - period.closed
                    - goods.received
                    - count.submitted
                    - stock.adjusted
                payload:
                  type: object
                  description: |
                    The event's facts; their fields depend on the type (Sources/TallySync/StationEvents.swift and
                    StockEvents.swift).
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
                status:
                  type: string
                  description: sent, partly-received, received, closed or cancelled.
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
                      received:
                        type: integer
                        format: int64
                        description: Received in good condition so far, by the receipts central holds.
                    additionalProperties: false
                overTolerancePercent: {type: integer, minimum: 0, maximum: 100}
                pallets:
                  type: array
                  items:
                    $ref: "#/components/schemas/Pallet"
                receipts:
                  type: array
                  description: The goods receipts counted in the lines' `received`.
                  items: {type: string}
              additionalProperties: false
            Pallet:
              type: object
              description: A pallet the supplier announced, by its SSCC, and what it holds.
              required: [sscc, contents]
              properties:
                sscc: {type: string, pattern: "^[0-9]{18}$"}
                contents:
                  type: array
                  items:
                    type: object
                    required: [productID, quantity]
                    properties:
                      productID: {type: string}
                      quantity: {type: integer, format: int64, minimum: 1}
                      lot: {type: string}
                      expiry: {type: string, description: YYYY-MM-DD}
                    additionalProperties: false
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
                status:
                  type: string
                  description: open, submitted, approved, rejected, cancelled or done.
                dueAt: {type: integer, format: int64}
                countIDs:
                  type: array
                  description: The counts the decision covers.
                  items: {type: string}
                corrections:
                  type: array
                  description: The movements central booked on approval; stations book them too.
                  items:
                    $ref: "#/components/schemas/Movement"
                decidedAt: {type: integer, format: int64}
              additionalProperties: false
            Movement:
              type: object
              required: [id, productID, locationID, lot, quantity, reason]
              properties:
                id: {type: string}
                productID: {type: string}
                locationID: {type: string}
                lot: {type: string}
                quantity: {type: integer, format: int64}
                reason: {type: string}
              additionalProperties: false
            SupplierRequest:
              type: object
              required: [name, overTolerancePercent]
              properties:
                name: {type: string, minLength: 1, maxLength: 200, example: Fresh Farms}
                overTolerancePercent:
                  type: integer
                  minimum: 0
                  maximum: 100
                  description: How much more than ordered the supplier may deliver per line, in percent.
                  example: 10
            Supplier:
              type: object
              required: [id, name, overTolerancePercent]
              properties:
                id: {type: string}
                name: {type: string}
                overTolerancePercent: {type: integer, minimum: 0, maximum: 100}
              additionalProperties: false
            PurchaseOrderRequest:
              type: object
              required: [number, supplierID, locationID, lines]
              properties:
                number:
                  type: string
                  pattern: "^[0-9A-Z]([0-9A-Z.]{0,22}[0-9A-Z])?$"
                  description: The number printed on the order and its label, unique.
                supplierID: {type: string, minLength: 1, maxLength: 64}
                locationID: {type: string, minLength: 1, maxLength: 64, description: Where the goods are received.}
                expectedAt: {type: integer, format: int64, minimum: 0}
                lines:
                  type: array
                  minItems: 1
                  maxItems: 1000
                  items:
                    type: object
                    required: [productID, quantity]
                    properties:
                      productID: {type: string, minLength: 1, maxLength: 64}
                      quantity: {type: integer, format: int64, minimum: 1, maximum: 1000000000}
                pallets:
                  type: array
                  maxItems: 1000
                  items:
                    type: object
                    required: [sscc, contents]
                    properties:
                      sscc: {type: string, pattern: "^[0-9]{18}$"}
                      contents:
                        type: array
                        minItems: 1
                        maxItems: 1000
                        items:
                          type: object
                          required: [productID, quantity]
                          properties:
                            productID: {type: string, minLength: 1, maxLength: 64}
                            quantity: {type: integer, format: int64, minimum: 1, maximum: 1000000000}
                            lot: {type: string, maxLength: 20}
                            expiry: {type: string, format: date}
              example:
                number: PO.2026.0042
                supplierID: fresh-farms
                locationID: DOCK
                expectedAt: 1800000000000
                lines:
                  - {productID: P1, quantity: 24}
                  - {productID: P2, quantity: 6}
                pallets:
                  - sscc: "106141411234567897"
                    contents:
                      - {productID: P1, quantity: 24, lot: L42, expiry: "2027-03-31"}
            CountTaskRequest:
              type: object
              required: [productIDs]
              properties:
                locationID: {type: string, minLength: 1, maxLength: 64, description: The location to count.}
                productIDs:
                  type: array
                  maxItems: 10000
                  description: The items to count; empty for every item at the location.
                  items: {type: string, minLength: 1, maxLength: 64}
                dueAt: {type: integer, format: int64, minimum: 0}
              example:
                locationID: DOCK
                productIDs: [P1, P2]
                dueAt: 1800000000000
            CountApprovalRequest:
              type: object
              properties:
                locationID:
                  type: string
                  minLength: 1
                  maxLength: 64
                  description: Where a count made without a location books its corrections.
            CountList:
              type: object
              required: [counts]
              properties:
                counts:
                  type: array
                  items:
                    $ref: "#/components/schemas/CountReport"
            CountReport:
              type: object
              required: [countID, stationID, startedAt, submittedAt, lanes, recounted, status, lines]
              properties:
                countID: {type: string}
                taskID: {type: string, description: The count task; absent for a count started at a station.}
                stationID: {type: string}
                locationID: {type: string, description: Absent for a count of items wherever they are.}
                startedAt: {type: integer, format: int64}
                submittedAt: {type: integer, format: int64}
                lanes:
                  type: array
                  items: {type: string}
                recounted: {type: boolean}
                status: {type: string, enum: [submitted, approved, rejected]}
                decidedAt: {type: integer, format: int64}
                lines:
                  type: array
                  items:
                    type: object
                    required: [productID, lot, counted, stationExpected, centralExpected, variance]
                    properties:
                      productID: {type: string}
                      lot: {type: string}
                      counted: {type: integer, format: int64}
                      stationExpected:
                        type: integer
                        format: int64
                        description: What the station's ledger held when counting started.
                      centralExpected:
                        type: integer
                        format: int64
                        description: What central's ledger held when counting started.
                      variance:
                        type: integer
                        format: int64
                        description: counted − centralExpected.
                      firstCount:
                        type: integer
                        format: int64
                        description: The first count, when the variance asked for a recount.
                    additionalProperties: false
              additionalProperties: false
            GoodsReceiptList:
              type: object
              required: [receipts]
              properties:
                receipts:
                  type: array
                  items:
                    $ref: "#/components/schemas/GoodsReceipt"
            GoodsReceipt:
              type: object
              required: [receiptID, stationID, lane, locationID, openedAt, closedAt, backorder, lines]
              properties:
                receiptID: {type: string}
                stationID: {type: string}
                purchaseOrderID: {type: string}
                purchaseOrderNumber: {type: string}
                lane: {type: string}
                locationID: {type: string}
                openedAt: {type: integer, format: int64}
                closedAt: {type: integer, format: int64}
                backorder: {type: boolean}
                orderProblem:
                  type: string
                  description: Set when the order is unknown at central, cancelled or closed; the goods were booked.
                lines:
                  type: array
                  items:
                    type: object
                    required: [code, lot, quantity, condition]
                    properties:
                      orderLine: {type: integer}
                      productID: {type: string}
                      code: {type: string}
                      lot: {type: string}
                      expiry: {type: string}
                      quantity: {type: integer, format: int64}
                      condition: {type: string, description: good or damaged}
                      reason: {type: string}
                      sscc: {type: string}
                    additionalProperties: false
              additionalProperties: false
            User:
              type: object
              required: [id, email, name, role, createdAt, updatedAt]
              properties:
                id: {type: string}
                email: {type: string}
                name: {type: string}
                role: {type: string, enum: [admin, manager, cashier, dock-clerk, stocktaker, supplier, customer]}
                supplierID: {type: string, nullable: true}
                customerID: {type: string, nullable: true}
                createdAt: {type: integer, format: int64}
                updatedAt: {type: integer, format: int64}
                disabledAt: {type: integer, format: int64, nullable: true}
            NewUser:
              type: object
              required: [email, name, role, password]
              properties:
                email: {type: string}
                name: {type: string}
                role: {type: string, enum: [admin, manager, cashier, dock-clerk, stocktaker, supplier, customer]}
                supplierID: {type: string, nullable: true}
                customerID: {type: string, nullable: true}
                password: {type: string, description: "10 to 72 bytes."}
            APIToken:
              type: object
              required: [id, name, createdAt]
              properties:
                id: {type: string}
                name: {type: string}
                createdAt: {type: integer, format: int64}
                lastUsedAt: {type: integer, format: int64, nullable: true}
                revokedAt: {type: integer, format: int64, nullable: true}
            AuditEntry:
              type: object
              required: [sequence, at, actor, action, entity, entityID, previousHash, hash]
              properties:
                sequence: {type: integer, format: int64}
                at: {type: integer, format: int64}
                actor: {type: string}
                action: {type: string}
                entity: {type: string}
                entityID: {type: string}
                before: {type: string, nullable: true, description: "The record before, as JSON."}
                after: {type: string, nullable: true, description: "The record after, as JSON."}
                previousHash: {type: string}
                hash: {type: string}
            AuditVerification:
              type: object
              required: [entries, head]
              properties:
                entries: {type: integer, format: int64}
                head: {type: string}
                brokenAt: {type: integer, format: int64, nullable: true}
                problem: {type: string, nullable: true}
            # The records of the back office, written from RecordKinds (OpenAPIRecords.schemas): begin
            ProductItem:
              type: object
              required: [id, name, description, category, unit, taxClass, sellingPrice, purchasePrice, barcodes, reorderPoint, reorderQuantity, preferredSupplier, active]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                description: {type: string, maxLength: 2000, nullable: true}
                category: {type: string, maxLength: 64, description: "The code of a category.", nullable: true}
                unit: {type: string, enum: [piece, weight]}
                taxClass: {type: string, maxLength: 64, description: "The code of a tax class.", nullable: true}
                sellingPrice: {type: integer, format: int64, minimum: 0, description: "Minor units (cents).", nullable: true}
                purchasePrice: {type: integer, format: int64, minimum: 0, description: "Minor units (cents).", nullable: true}
                barcodes: {type: array, items: {type: string, maxLength: 64}, description: "GTINs (kept as GTIN-14) or store labels.", nullable: true}
                reorderPoint: {type: integer, minimum: 0, maximum: 1000000000, nullable: true}
                reorderQuantity: {type: integer, minimum: 1, maximum: 1000000000, nullable: true}
                preferredSupplier: {type: string, maxLength: 64, description: "The code of a supplier.", nullable: true}
                active: {type: boolean}
            ProductInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                description: {type: string, maxLength: 2000, nullable: true}
                category: {type: string, maxLength: 64, description: "The code of a category.", nullable: true}
                unit: {type: string, enum: [piece, weight], nullable: true}
                taxClass: {type: string, maxLength: 64, description: "The code of a tax class.", nullable: true}
                sellingPrice: {type: integer, format: int64, minimum: 0, description: "Minor units (cents).", nullable: true}
                purchasePrice: {type: integer, format: int64, minimum: 0, description: "Minor units (cents).", nullable: true}
                barcodes: {type: array, items: {type: string, maxLength: 64}, description: "GTINs (kept as GTIN-14) or store labels.", nullable: true}
                reorderPoint: {type: integer, minimum: 0, maximum: 1000000000, nullable: true}
                reorderQuantity: {type: integer, minimum: 1, maximum: 1000000000, nullable: true}
                preferredSupplier: {type: string, maxLength: 64, description: "The code of a supplier.", nullable: true}
                active: {type: boolean, nullable: true}
            CategoryItem:
              type: object
              required: [id, name, parent]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                parent: {type: string, maxLength: 64, description: "The code of a category.", nullable: true}
            CategoryInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                parent: {type: string, maxLength: 64, description: "The code of a category.", nullable: true}
            TaxClassItem:
              type: object
              required: [id, name, treatment, rate, standard]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                treatment: {type: string, enum: [taxed, exempt, outside]}
                rate: {type: integer, minimum: 0, maximum: 1000000, description: "Millionths: 19 % is 190000."}
                standard: {type: boolean, nullable: true}
            TaxClassInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                treatment: {type: string, enum: [taxed, exempt, outside], nullable: true}
                rate: {type: integer, minimum: 0, maximum: 1000000, description: "Millionths: 19 % is 190000.", nullable: true}
                standard: {type: boolean, nullable: true}
            LocationItem:
              type: object
              required: [id, name, kind, warehouse]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                kind: {type: string, enum: [sales, storage, receiving, shelf]}
                warehouse: {type: string, maxLength: 64, description: "The code of a warehouse.", nullable: true}
            LocationInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                kind: {type: string, enum: [sales, storage, receiving, shelf], nullable: true}
                warehouse: {type: string, maxLength: 64, description: "The code of a warehouse.", nullable: true}
            WarehouseItem:
              type: object
              required: [id, name, address]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                address: {type: string, maxLength: 500, nullable: true}
            WarehouseInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                address: {type: string, maxLength: 500, nullable: true}
            SupplierItem:
              type: object
              required: [id, name, contactName, email, phone, address, leadTimeDays, paymentTerms, overTolerancePercent]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                contactName: {type: string, maxLength: 200, nullable: true}
                email: {type: string, maxLength: 254, nullable: true}
                phone: {type: string, maxLength: 40, nullable: true}
                address: {type: string, maxLength: 500, nullable: true}
                leadTimeDays: {type: integer, minimum: 0, maximum: 365, nullable: true}
                paymentTerms: {type: string, maxLength: 200, nullable: true}
                overTolerancePercent: {type: integer, minimum: 0, maximum: 100}
            SupplierInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                contactName: {type: string, maxLength: 200, nullable: true}
                email: {type: string, maxLength: 254, nullable: true}
                phone: {type: string, maxLength: 40, nullable: true}
                address: {type: string, maxLength: 500, nullable: true}
                leadTimeDays: {type: integer, minimum: 0, maximum: 365, nullable: true}
                paymentTerms: {type: string, maxLength: 200, nullable: true}
                overTolerancePercent: {type: integer, minimum: 0, maximum: 100, nullable: true}
            CustomerItem:
              type: object
              required: [id, name, contactName, email, phone, shippingAddress, billingAddress, paymentMethod, creditLimit]
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200}
                contactName: {type: string, maxLength: 200, nullable: true}
                email: {type: string, maxLength: 254, nullable: true}
                phone: {type: string, maxLength: 40, nullable: true}
                shippingAddress: {type: string, maxLength: 500, nullable: true}
                billingAddress: {type: string, maxLength: 500, nullable: true}
                paymentMethod: {type: string, enum: [card, bank-transfer, cash, on-account]}
                creditLimit: {type: integer, format: int64, minimum: 0, description: "Minor units (cents).", nullable: true}
            CustomerInput:
              type: object
              additionalProperties: false
              properties:
                id: {type: string, maxLength: 64}
                name: {type: string, maxLength: 200, nullable: true}
                contactName: {type: string, maxLength: 200, nullable: true}
                email: {type: string, maxLength: 254, nullable: true}
                phone: {type: string, maxLength: 40, nullable: true}
                shippingAddress: {type: string, maxLength: 500, nullable: true}
                billingAddress: {type: string, maxLength: 500, nullable: true}
                paymentMethod: {type: string, enum: [card, bank-transfer, cash, on-account], nullable: true}
                creditLimit: {type: integer, format: int64, minimum: 0, description: "Minor units (cents).", nullable: true}
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
            # The records of the back office: end
            # Sales orders, payments, returns and the customer portal: begin
            SalesOrderLine:
              type: object
              required: [number, productID, name, unit, quantity, unitPrice, taxClassID, taxRatePPM, net, tax, total, returned]
              properties:
                number: {type: integer}
                productID: {type: string}
                name: {type: string}
                unit: {type: string, enum: [piece, weight]}
                quantity: {type: integer, description: "Pieces, or grams for items sold by weight."}
                unitPrice: {type: integer, description: "Per piece, or per kilogram."}
                taxClassID: {type: string}
                taxRatePPM: {type: integer}
                net: {type: integer}
                tax: {type: integer}
                total: {type: integer}
                returned: {type: integer}
            SalesOrder:
              type: object
              required: [id, customerID, customerName, status, paymentMethod, currency, net, tax, total, createdBy, createdAt, lines]
              properties:
                id: {type: string}
                number: {type: string, description: "SO and six or more digits; given when the order is placed."}
                customerID: {type: string}
                customerName: {type: string}
                status: {type: string, enum: [pending, confirmed, shipped, delivered, cancelled]}
                paymentMethod: {type: string, enum: [card, bank-transfer, cash, on-account]}
                currency: {type: string}
                net: {type: integer}
                tax: {type: integer}
                total: {type: integer}
                shippingAddress: {type: string}
                note: {type: string}
                locationID: {type: string, description: "Where it was shipped from."}
                tracking: {type: string}
                createdBy: {type: string}
                createdAt: {type: integer}
                placedAt: {type: integer}
                confirmedAt: {type: integer}
                shippedAt: {type: integer}
                deliveredAt: {type: integer}
                cancelledAt: {type: integer}
                lines:
                  type: array
                  items:
                    $ref: "#/components/schemas/SalesOrderLine"
            Invoice:
              type: object
              required: [id, number, kind, orderID, customerID, issuedAt, dueAt, currency, net, tax, total]
              properties:
                id: {type: string}
                number: {type: string, description: "IN… for an invoice, CN… for a credit note."}
                kind: {type: string, enum: [invoice, credit-note]}
                orderID: {type: string}
                customerID: {type: string}
                returnID: {type: string}
                issuedAt: {type: integer}
                dueAt: {type: integer}
                currency: {type: string}
                net: {type: integer, description: "Negative on a credit note, as are tax and total."}
                tax: {type: integer}
                total: {type: integer}
            Payment:
              type: object
              required: [id, customerID, kind, method, amount, currency, recordedBy, recordedAt]
              properties:
                id: {type: string}
                customerID: {type: string}
                orderID: {type: string}
                invoiceID: {type: string}
                kind: {type: string, enum: [payment, refund]}
                method: {type: string, enum: [card, bank-transfer, cash]}
                amount: {type: integer, description: "Negative for a refund."}
                currency: {type: string}
                reference: {type: string}
                recordedBy: {type: string}
                recordedAt: {type: integer}
            SalesReturn:
              type: object
              required: [id, number, orderID, locationID, reason, createdBy, createdAt, net, tax, total, lines]
              properties:
                id: {type: string}
                number: {type: string}
                orderID: {type: string}
                locationID: {type: string}
                reason: {type: string, enum: [damaged, wrong-item, not-wanted, other]}
                note: {type: string}
                createdBy: {type: string}
                createdAt: {type: integer}
                net: {type: integer}
                tax: {type: integer}
                total: {type: integer}
                lines:
                  type: array
                  items:
                    type: object
                    required: [orderLine, productID, quantity, net, tax, total]
                    properties:
                      orderLine: {type: integer}
                      productID: {type: string}
                      quantity: {type: integer}
                      net: {type: integer}
                      tax: {type: integer}
                      total: {type: integer}
            SalesOrderDetail:
              type: object
              required: [order, money, invoices, payments, returns]
              properties:
                order:
                  $ref: "#/components/schemas/SalesOrder"
                money:
                  type: object
                  required: [charged, paid, due, refundable]
                  properties:
                    charged: {type: integer, description: "Its invoices once shipped, its total before, nothing once cancelled."}
                    paid: {type: integer}
                    due: {type: integer}
                    refundable: {type: integer}
                invoices:
                  type: array
                  items:
                    $ref: "#/components/schemas/Invoice"
                payments:
                  type: array
                  items:
                    $ref: "#/components/schemas/Payment"
                returns:
                  type: array
                  items:
                    $ref: "#/components/schemas/SalesReturn"
            Account:
              type: object
              required: [customerID, customerName, invoiced, paid, balance]
              properties:
                customerID: {type: string}
                customerName: {type: string}
                invoiced: {type: integer}
                paid: {type: integer}
                balance: {type: integer, description: "Invoiced less paid: positive, the customer owes."}
                creditLimit: {type: integer}
            ShopProduct:
              type: object
              required: [id, name, unit, price, currency, available]
              properties:
                id: {type: string}
                name: {type: string}
                description: {type: string}
                unit: {type: string}
                price: {type: integer, description: "Per piece, or per kilogram."}
                currency: {type: string}
                available: {type: integer}
            PlaceSalesOrder:
              type: object
              required: [lines]
              properties:
                customerID: {type: string, description: "The customer (staff only)."}
                lines:
                  type: array
                  items:
                    type: object
                    required: [product, quantity]
                    properties:
                      product: {type: string, description: "A product's code or one of its barcodes."}
                      quantity: {type: integer, description: "Pieces, or grams for items sold by weight."}
                paymentMethod: {type: string, description: "card, bank-transfer, cash, or on-account for a customer allowed it; left out, the customer's usual."}
                shippingAddress: {type: string, description: "Left out, the customer's shipping address."}
                note: {type: string}
            ShipSalesOrder:
              type: object
              required: [locationID]
              properties:
                locationID: {type: string}
                tracking: {type: string}
            PaymentInput:
              type: object
              required: [kind, method, amount]
              properties:
                kind: {type: string, description: "payment or refund"}
                method: {type: string, description: "card, bank-transfer or cash"}
                amount: {type: string, description: "A decimal amount in the order's currency, such as 12.50."}
                reference: {type: string}
            ReturnInput:
              type: object
              required: [locationID, reason, lines]
              properties:
                locationID: {type: string}
                reason: {type: string, description: "damaged, wrong-item, not-wanted or other"}
                note: {type: string}
                lines:
                  type: array
                  items:
                    type: object
                    required: [line, quantity]
                    properties:
                      line: {type: integer, description: "The order line's number."}
                      quantity: {type: integer}
                refundMethod: {type: string, description: "card, bank-transfer or cash to refund now; left out, no refund."}
            # Sales orders, payments, returns and the customer portal: end
            # Supplier portal and proposals: begin
            Confirmation:
              type: object
              required: [deliveryDate, confirmedAt, userID]
              properties:
                deliveryDate: {type: string, description: YYYY-MM-DD}
                note: {type: string}
                confirmedAt: {type: integer, format: int64}
                userID: {type: string}
              additionalProperties: false
            ShipmentNotice:
              type: object
              required: [id, number, orderID, supplierID, shippedOn, arrivesOn, pallets, createdBy, createdAt]
              properties:
                id: {type: string}
                number: {type: string, description: "SN000001 and on."}
                orderID: {type: string}
                supplierID: {type: string}
                shippedOn: {type: string, description: YYYY-MM-DD}
                arrivesOn: {type: string, description: YYYY-MM-DD}
                carrier: {type: string}
                tracking: {type: string}
                pallets:
                  type: array
                  items:
                    $ref: "#/components/schemas/Pallet"
                createdBy: {type: string}
                createdAt: {type: integer, format: int64}
              additionalProperties: false
            SupplierOrder:
              type: object
              required: [order]
              properties:
                order:
                  $ref: "#/components/schemas/PurchaseOrderRecord"
                confirmation:
                  $ref: "#/components/schemas/Confirmation"
                notices:
                  type: array
                  items:
                    $ref: "#/components/schemas/ShipmentNotice"
              additionalProperties: false
            ConfirmOrderInput:
              type: object
              required: [deliveryDate]
              properties:
                deliveryDate: {type: string, description: "YYYY-MM-DD, today or later."}
                note: {type: string}
            ShipmentInput:
              type: object
              required: [shippedOn, arrivesOn, pallets]
              properties:
                shippedOn: {type: string, description: YYYY-MM-DD}
                arrivesOn: {type: string, description: "YYYY-MM-DD, not before it ships nor before today."}
                carrier: {type: string}
                tracking: {type: string}
                pallets:
                  type: array
                  items:
                    $ref: "#/components/schemas/Pallet"
            Proposal:
              type: object
              required: [id, productID, supplierID, status, createdBy, createdAt]
              properties:
                id: {type: string}
                productID: {type: string}
                supplierID: {type: string}
                status: {type: string, enum: [pending, approved, rejected, replaced]}
                purchasePrice: {type: integer, format: int64, description: "The proposed price in minor units; absent, unchanged."}
                description: {type: string}
                gtins:
                  type: array
                  description: The product's GTINs (as GTIN-14) once approved; its other codes stay.
                  items: {type: string}
                note: {type: string}
                createdBy: {type: string}
                createdAt: {type: integer, format: int64}
                decidedBy: {type: string}
                decidedAt: {type: integer, format: int64}
                reason: {type: string}
              additionalProperties: false
            SupplierProduct:
              type: object
              required: [id, name, gtins]
              properties:
                id: {type: string}
                name: {type: string}
                purchasePrice: {type: integer, format: int64}
                description: {type: string}
                gtins:
                  type: array
                  items: {type: string}
                pending:
                  $ref: "#/components/schemas/Proposal"
              additionalProperties: false
            ProposalInput:
              type: object
              properties:
                purchasePrice: {type: string, description: "A decimal amount such as 0.65; left out, unchanged."}
                description: {type: string}
                gtins:
                  type: array
                  description: GTINs of 8, 12, 13 or 14 digits; left out, unchanged.
                  items: {type: string}
                note: {type: string}
            RejectProposalInput:
              type: object
              required: [reason]
              properties:
                reason: {type: string, minLength: 1}
            # Supplier portal and proposals: end
            # Purchase-order drafts, reorder suggestions and alerts: begin
            PurchaseOrderSummary:
              type: object
              required: [order, createdAt]
              properties:
                order:
                  $ref: "#/components/schemas/PurchaseOrderRecord"
                createdAt: {type: integer, format: int64}
              additionalProperties: false
            DraftInput:
              type: object
              required: [supplierID, locationID, lines]
              properties:
                supplierID: {type: string}
                locationID: {type: string}
                expected: {type: string, description: "YYYY-MM-DD; left out, today plus the supplier's lead time."}
                lines:
                  type: array
                  items:
                    type: object
                    required: [product, quantity]
                    properties:
                      product: {type: string, description: "A product's code or one of its barcodes."}
                      quantity: {type: integer, format: int64}
            SuggestedDraftInput:
              type: object
              required: [supplierID, locationID]
              properties:
                supplierID: {type: string}
                locationID: {type: string}
            ReorderSuggestion:
              type: object
              required: [productID, name, onHand, onOrder, reorderPoint, quantity]
              properties:
                productID: {type: string}
                name: {type: string}
                supplierID: {type: string}
                onHand: {type: integer, format: int64}
                onOrder: {type: integer, format: int64}
                reorderPoint: {type: integer, format: int64}
                quantity: {type: integer, format: int64}
              additionalProperties: false
            Alert:
              type: object
              required: [key, kind, subject, message, link]
              properties:
                key: {type: string, description: "Stable while the condition lasts."}
                kind: {type: string, enum: [low-stock, overdue-order, count-variance]}
                subject: {type: string}
                message: {type: string}
                link: {type: string, description: "The back-office page to open."}
              additionalProperties: false
            # Purchase-order drafts, reorder suggestions and alerts: end
        """#
}
