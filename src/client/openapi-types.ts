/**
 * Generated from Coffer's OpenAPI document (GET /openapi.json) by scripts/generate-client-types.mjs
 * with openapi-typescript. Do not edit: run `npm run generate:client`; a test fails when this file
 * is not what the generator writes now.
 */

export interface paths {
    "/console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web console */
        get: operations["getConsole"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console's content-hashed scripts and styles (cached for a year) */
        get: operations["getConsoleAssetsByFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API reference page (Swagger UI over /openapi.json) */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reference page's scripts and styles */
        get: operations["getDocsByAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process answers */
        get: operations["getHealthLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database reachable, migrations current, key provider reachable */
        get: operations["getHealthReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI 3.1 document */
        get: operations["getOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/archive/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's archive runs, newest first */
        get: operations["getV1ArchiveRuns"];
        put?: never;
        /**
         * Run the archive now (up to `max_records`) and answer the finished run
         * @description A run the bucket refused still answers 201, with `status: failed` and its `error_code`.
         */
        post: operations["postV1ArchiveRuns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/archive/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's archive settings (credentials are write-only) */
        get: operations["getV1ArchiveSettings"];
        /** Save the org's archive settings, after verifying them against the bucket */
        put: operations["putV1ArchiveSettings"];
        post?: never;
        /** Delete the org's archive settings (stubs and archived objects stay) */
        delete: operations["deleteV1ArchiveSettings"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query the org's audit log, newest first */
        get: operations["getV1Audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint (a signed note) */
        get: operations["getV1AuditCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoint-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's checkpoint verifier keys, one per line */
        get: operations["getV1AuditCheckpointKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An offline-verifiable bundle of entries, checkpoints and keys */
        get: operations["getV1AuditExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proof/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consistency proof between tree sizes `from` and `to` */
        get: operations["getV1AuditProofConsistency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/proof/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inclusion proof of entry `seq` in the tree of `size` */
        get: operations["getV1AuditProofInclusion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether reads of single records are audited (opt-in per org) */
        get: operations["getV1AuditSettings"];
        /** Turn auditing of record reads on or off (one more audit entry per GET /v1/records/:id) */
        put: operations["putV1AuditSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entries after `after` (or Last-Event-ID) as server-sent events, up to 1,000 per response */
        get: operations["getV1AuditStream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in: answers the session cookie (Set-Cookie) and its CSRF token */
        post: operations["postV1AuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log out: ends the session and clears the cookie */
        post: operations["postV1AuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the org's connector credentials, newest first */
        get: operations["getV1Connectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a connector credential (never a token) */
        get: operations["getV1ConnectorsById"];
        put?: never;
        post?: never;
        /** Delete a connector credential (the provider is not told) */
        delete: operations["deleteV1ConnectorsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A currently valid access token, for a purpose (refreshed first when about to expire) */
        post: operations["postV1ConnectorsByIdResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{provider}/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start an authorization: the provider's URL to send the user's browser to */
        post: operations["postV1ConnectorsByProviderAuthorize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider's redirect back: checks the state, exchanges the code, stores the credential
         * @description Public: the signed, single-use `state` authenticates it. Answers 201 with the new credential as JSON (no redirect, no HTML). Limited per client address. Refused, with nothing stored, when the token or session that started the authorization has since been revoked or expired, or its org or user suspended or its membership removed (the code of that refusal, audited as `connector.connect_refused`).
         */
        get: operations["getV1ConnectorsCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List OAuth providers, by name (one page: `next_cursor` is always null) */
        get: operations["getV1ConnectorsProviders"];
        put?: never;
        /** Register an OAuth provider (its client secret is sealed, never answered) */
        post: operations["postV1ConnectorsProviders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/providers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an OAuth provider */
        get: operations["getV1ConnectorsProvidersByName"];
        put?: never;
        post?: never;
        /** Delete an OAuth provider no connector credential uses any more */
        delete: operations["deleteV1ConnectorsProvidersByName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export records (sealed, or plain with admin), archived records’ stubs and secret metadata, page by page */
        get: operations["getV1Export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List grants (one page: next_cursor is always null) */
        get: operations["getV1Grants"];
        put?: never;
        /** Let one namespace read another (org-wide token only) */
        post: operations["postV1Grants"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/grants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a grant */
        delete: operations["deleteV1GrantsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org key's versions (state, envelopes) and the running rotation's progress */
        get: operations["getV1Keys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start (or resume) a rotation: a new version takes the writes, older envelopes are re-encrypted */
        post: operations["postV1KeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's members: email, role, since when */
        get: operations["getV1Members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member: their tokens and sessions in this org are revoked with the membership */
        delete: operations["deleteV1MembersByUserId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/namespaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List namespaces with live record counts */
        get: operations["getV1Namespaces"];
        put?: never;
        /** Create a namespace */
        post: operations["postV1Namespaces"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/namespaces/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a namespace and every record in it */
        delete: operations["deleteV1NamespacesByName"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List orgs */
        get: operations["getV1Orgs"];
        put?: never;
        /** Create an org (its owner token shown once) */
        post: operations["postV1Orgs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orgs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an org, with its usage and quotas */
        get: operations["getV1OrgsById"];
        put?: never;
        post?: never;
        /**
         * Delete an org: crypto-shred its keys, then its rows (`confirm` equal to the slug)
         * @description `confirm` may be sent in the JSON body or in the query string.
         */
        delete: operations["deleteV1OrgsById"];
        options?: never;
        head?: never;
        /** Change name, plan, rate limit; suspend or unsuspend */
        patch: operations["patchV1OrgsById"];
        trace?: never;
    };
    "/v1/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List records newest first (plaintext fields; include=content decrypts the page), or read up to 100 by ids */
        get: operations["getV1Records"];
        put?: never;
        /** Store a record (content, metadata and entities encrypted) */
        post: operations["postV1Records"];
        /** Erase records by ids, entity, namespace or time (a data subject's erasure) */
        delete: operations["deleteV1Records"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a record, decrypted (an archived one answers its stub, without content) */
        get: operations["getV1RecordsById"];
        put?: never;
        post?: never;
        /** Delete a record (204); an archived one's stub too, and its object from the org's bucket (200: what became of it) */
        delete: operations["deleteV1RecordsById"];
        options?: never;
        head?: never;
        /** Change a record */
        patch: operations["patchV1RecordsById"];
        trace?: never;
    };
    "/v1/records/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore an archived record (plaintext mode) from the bucket; answers it without content */
        post: operations["postV1RecordsByIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/records/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store up to 500 records in one transaction, all or nothing
         * @description A refused item is named by its index: `records.17.content: ...`.
         */
        post: operations["postV1RecordsBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/records/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ranked search over the blind term index (include: ["content"] decrypts the hits) */
        post: operations["postV1RecordsSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List secrets: audit fields only */
        get: operations["getV1Secrets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/secrets/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Write a vendor secret (answers last4, never the value) */
        put: operations["putV1SecretsByKind"];
        post?: never;
        /** Delete a secret */
        delete: operations["deleteV1SecretsByKind"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/secrets/{kind}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read the plaintext for a stated purpose (access-logged) */
        post: operations["postV1SecretsByKindResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/secrets/{kind}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check a secret against its vendor's verify URL */
        post: operations["postV1SecretsByKindVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: org, plan and limits, records stored, audit verification, the credential and its user */
        get: operations["getV1Session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subjects/{entity}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One data subject's records and the audit entries about them (format=plain also needs admin) */
        get: operations["getV1SubjectsByEntityExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Query the system log, newest first */
        get: operations["getV1SystemAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tokens within the caller's reach */
        get: operations["getV1Tokens"];
        put?: never;
        /** Create a token within the caller's reach (plaintext shown once) */
        post: operations["postV1Tokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token */
        delete: operations["deleteV1TokensById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a token: a new one, the old one valid for the grace period */
        post: operations["postV1TokensByIdRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The org's usage and its plan's quotas (org-wide token) */
        get: operations["getV1Usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List endpoints */
        get: operations["getV1Webhooks"];
        put?: never;
        /** Create an endpoint (its signing secret shown once) */
        post: operations["postV1Webhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an endpoint (URL decrypted, no secret) */
        get: operations["getV1WebhooksById"];
        put?: never;
        post?: never;
        /** Delete an endpoint */
        delete: operations["deleteV1WebhooksById"];
        options?: never;
        head?: never;
        /** Change an endpoint */
        patch: operations["patchV1WebhooksById"];
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's delivery log, newest first */
        get: operations["getV1WebhooksByIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue failed deliveries again */
        post: operations["postV1WebhooksByIdDeliveriesRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the signing secret (the old one signs beside it for 24 h) */
        post: operations["postV1WebhooksByIdRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a ping delivery */
        post: operations["postV1WebhooksByIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The stub of a record whose content was archived to the org's bucket */
        ArchivedRecord: {
            allowed_agents: string[];
            archived: {
                /** @description ISO 8601 time, UTC */
                at: string;
                /** @enum {string} */
                mode: "plaintext" | "sealed";
                object_key: string;
                object_sha256: string;
            };
            /** @description ISO 8601 time, UTC */
            created_at: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            namespace: string;
            owner_agent: string | null;
            type: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @description the grant this record was reached through; null when direct */
            via_grant: string | null;
            /** @enum {string} */
            visibility: "private" | "shared" | "public";
        };
        /** @description A deleted record that had been archived: its stub went, and this is what became of its object in the org's bucket */
        ArchivedRecordDeleted: {
            /** @description its object in the org's bucket */
            archive: {
                error_code: string | null;
                objects_deleted: number;
                /** @description object keys left in the bucket: delete them there */
                objects_left: string[];
            };
            /** @description a UUID */
            id: string;
        };
        ArchiveRun: {
            actor: string;
            archived: number;
            /** @description the error code a failed run ended with */
            error_code: string | null;
            finished_at: string | null;
            /** @description a UUID */
            id: string;
            /** @description the run stopped at its record limit with more records due */
            remaining: boolean;
            skipped: number;
            /** @description ISO 8601 time, UTC */
            started_at: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "interrupted";
            /** @enum {string} */
            trigger: "manual" | "scheduled";
        };
        ArchiveRunPage: {
            items: components["schemas"]["ArchiveRun"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description The org's archive settings: never a credential, only the access key id's last four characters */
        ArchiveSettings: {
            access_key_last4: string;
            bucket: string;
            enabled: boolean;
            endpoint: string;
            /** @enum {string} */
            mode: "plaintext" | "sealed";
            next_run_at: string | null;
            path_style: boolean;
            policy: {
                /** @description null: every namespace */
                namespaces: string[] | null;
                older_than_days: number;
                /** @description null: every type */
                types: string[] | null;
            };
            prefix: string;
            recipient_public_key: string | null;
            region: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @description ISO 8601 time, UTC */
            verified_at: string;
        };
        AuditConsistencyProof: {
            from: number;
            proof: string[];
            to: number;
        };
        AuditEntry: {
            action: string;
            actor: string;
            /** @description ISO 8601 time, UTC */
            at: string;
            /** @description base64 */
            leaf_hash: string;
            outcome: string | null;
            purpose: string | null;
            request_id: string | null;
            resource: string;
            seq: number;
        };
        AuditInclusionProof: {
            leaf_index: number;
            proof: string[];
            tree_size: number;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        AuditSettings: {
            /** @description GET /v1/records/:id appends record.read */
            record_reads: boolean;
        };
        /** @description A connector credential: ids, status, last four characters and times, never a token */
        Connector: {
            access_last4: string | null;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            created_by: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            last_refreshed_at: string | null;
            last_used_at: string | null;
            provider: string;
            refreshable: boolean;
            /** @description the scope the provider granted */
            scope: string | null;
            /** @enum {string} */
            status: "active" | "needs_reauth";
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @enum {string} */
            verify_status: "valid" | "refused" | "unreachable";
        };
        /** @description A currently valid access token (answered with cache-control: no-store) */
        ConnectorAccessToken: {
            access_token: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            provider: string;
        };
        /** @description A started authorization: the provider URL with a single-use state (10 minutes) and PKCE */
        ConnectorAuthorization: {
            /** @description send the user's browser here */
            authorization_url: string;
            /** @description ISO 8601 time, UTC */
            state_expires_at: string;
        };
        ConnectorPage: {
            items: components["schemas"]["Connector"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description An OAuth provider as registered: never the client secret, only its last four characters */
        ConnectorProvider: {
            authorization_endpoint: string;
            client_id: string;
            client_secret_last4: string | null;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            created_by: string;
            /** @description a UUID */
            id: string;
            name: string;
            scopes: string[];
            token_endpoint: string;
        };
        ConnectorProviderPage: {
            items: components["schemas"]["ConnectorProvider"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        EraseResult: {
            deleted: number;
            receipt: components["schemas"]["ErasureReceipt"];
        };
        /** @description What an erasure deleted, signed: keep it as proof */
        ErasureReceipt: {
            /** @description present when archived records were erased: their objects in the org's bucket */
            archive?: {
                error_code: string | null;
                objects_deleted: number;
                /** @description object keys left in the bucket: delete them there */
                objects_left: string[];
            };
            /** @description ISO 8601 time, UTC */
            at: string;
            /** @description rows deleted per table */
            counts: {
                [key: string]: number;
            };
            /** @constant */
            format: "coffer-erasure-receipt/v1";
            /** @description the ids of the records deleted (live and archived), ascending */
            ids: string[];
            key_version: number;
            /** @description a UUID */
            org_id: string;
            /** @description the selector fields given (names only) */
            selector: string[];
            /** @description Ed25519 by the audit checkpoint key, base64; verifyErasureReceipt checks it */
            signature: string;
        };
        /**
         * @description Coffer's stable error codes; see the README's error table
         * @enum {string}
         */
        ErrorCode: "VALIDATION_FAILED" | "MALFORMED_JSON" | "UNAUTHENTICATED" | "TOKEN_INVALID" | "TOKEN_EXPIRED" | "TOKEN_REVOKED" | "INVALID_CREDENTIALS" | "SESSION_INVALID" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE" | "ACCOUNT_SUSPENDED" | "NOT_FOUND" | "ARCHIVE_NOT_CONFIGURED" | "ARCHIVE_SEALED" | "ARCHIVE_OBJECT_INVALID" | "CONFLICT" | "IDEMPOTENCY_KEY_IN_USE" | "LIMIT_REACHED" | "KEY_DESTROYED" | "REQUEST_TIMEOUT" | "PAYLOAD_TOO_LARGE" | "QUOTA_EXCEEDED" | "UNSUPPORTED_MEDIA_TYPE" | "UNSAFE_URL" | "IDEMPOTENCY_KEY_REUSED" | "STATE_INVALID" | "CONNECTOR_REAUTH_REQUIRED" | "RATE_LIMITED" | "HEADERS_TOO_LARGE" | "DECRYPTION_FAILED" | "AUDIT_CHAIN_BROKEN" | "INTERNAL" | "CONFIG_INVALID" | "TENANT_ISOLATION_BROKEN" | "MIGRATION_FAILED" | "DATA_DIR_LOCKED" | "CONNECTOR_TOKEN_REFUSED" | "CONNECTORS_NOT_CONFIGURED" | "ARCHIVE_BUCKET_REFUSED" | "UPSTREAM_UNREACHABLE" | "KEY_UNAVAILABLE" | "DATABASE_UNAVAILABLE" | "NOT_READY" | "UPSTREAM_TIMEOUT";
        ExportedItem: {
            allowed_agents: string[];
            /** @description plain: the content; sealed: its envelope as cf1. text */
            content: string;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            entities: (string[] | string) | null;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            /** @constant */
            kind: "record";
            metadata: ({
                [key: string]: unknown;
            } | string) | null;
            namespace: string;
            owner_agent: string | null;
            type: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @enum {string} */
            visibility: "private" | "shared" | "public";
        } | {
            allowed_agents: string[];
            /** @description where the content lives: the org's bucket (no content here) */
            archived: {
                /** @description ISO 8601 time, UTC */
                at: string;
                bucket: string | null;
                /** @description null: archived before this was kept */
                endpoint: string | null;
                /** @enum {string} */
                mode: "plaintext" | "sealed";
                object_key: string;
                object_sha256: string;
            };
            /** @description ISO 8601 time, UTC */
            created_at: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            /** @constant */
            kind: "archived_record";
            namespace: string;
            owner_agent: string | null;
            type: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @enum {string} */
            visibility: "private" | "shared" | "public";
        } | {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            created_by: string;
            /** @description a UUID */
            id: string;
            /** @constant */
            kind: "secret";
            last_used_at: string | null;
            last_verified_at: string | null;
            last4: string | null;
            secret_kind: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            verify_status: string;
            verify_url: string | null;
        };
        ExportPage: {
            items: components["schemas"]["ExportedItem"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        Grant: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            created_by: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            namespace: string;
            reads: string;
            types: string[] | null;
        };
        GrantList: {
            items: components["schemas"]["Grant"][];
            /** @description always null: one page */
            next_cursor: null;
        };
        HealthLive: {
            /** @constant */
            status: "ok";
        };
        HealthReady: {
            /** @enum {string} */
            database: "pglite" | "postgres";
            key_provider: string;
            /** @constant */
            status: "ok";
        };
        Namespace: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            /** @description a UUID */
            id: string;
            name: string;
            /** @description live (unexpired) records in it */
            records: number;
        };
        NamespaceDeleted: {
            archive?: {
                error_code: string | null;
                objects_deleted: number;
                /** @description object keys left in the bucket: delete them there */
                objects_left: string[];
            };
            /** @description stubs of archived records deleted */
            archived_records: number;
            deleted_records: number;
        };
        NamespaceList: {
            items: components["schemas"]["Namespace"][];
        };
        /** @description This document */
        OpenApiDocument: {
            openapi: string;
        } & {
            [key: string]: unknown;
        };
        Org: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            deleted_at: string | null;
            /** @description a UUID */
            id: string;
            name: string;
            plan: string;
            rate_limit_per_minute: number | null;
            slug: string;
            suspended: boolean;
            suspended_at: string | null;
        };
        OrgCreated: {
            /** @description a UUID */
            org_id: string;
            /** @description the org's first admin token (cf_...), shown this once */
            owner_token: string;
            slug: string;
        };
        OrgDeleted: {
            /** @description present when the org had archived records: their objects in the org's bucket */
            archive?: {
                error_code: string | null;
                objects_deleted: number;
                /** @description object keys left in the bucket: delete them there */
                objects_left: string[];
            };
            /** @description ISO 8601 time, UTC */
            created_at: string;
            deleted_at: string | null;
            destroyed_key_versions: number[];
            /** @description a UUID */
            id: string;
            name: string;
            plan: string;
            rate_limit_per_minute: number | null;
            rows_deleted: number;
            slug: string;
            suspended: boolean;
            suspended_at: string | null;
        };
        OrgPage: {
            items: components["schemas"]["Org"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        OrgWithUsage: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            deleted_at: string | null;
            /** @description a UUID */
            id: string;
            name: string;
            plan: string;
            rate_limit_per_minute: number | null;
            slug: string;
            suspended: boolean;
            suspended_at: string | null;
            usage: components["schemas"]["Usage"];
        };
        /** @description An RFC 9457 problem document (application/problem+json) with the stable `code` */
        Problem: {
            code: components["schemas"]["ErrorCode"];
            detail: string;
            instance?: string;
            status: number;
            title: string;
            type: string;
        };
        /** @description A record with its decrypted content, metadata and entities */
        Record: {
            allowed_agents: string[];
            content: string;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            entities: string[];
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            metadata: {
                [key: string]: unknown;
            } | null;
            namespace: string;
            owner_agent: string | null;
            type: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @description the grant this record was reached through; null when direct */
            via_grant: string | null;
            /** @enum {string} */
            visibility: "private" | "shared" | "public";
        };
        /** @description The stored records, in the order sent */
        RecordBatch: {
            items: components["schemas"]["RecordSummary"][];
        };
        RecordList: {
            items: (components["schemas"]["Record"] | components["schemas"]["RecordSummary"])[];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description A record, or the stub of one whose content was archived */
        RecordOrArchived: components["schemas"]["Record"] | components["schemas"]["ArchivedRecord"];
        RecordPage: {
            items: components["schemas"]["RecordSummary"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description A record's plaintext fields (no content) */
        RecordSummary: {
            allowed_agents: string[];
            /** @description ISO 8601 time, UTC */
            created_at: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            namespace: string;
            owner_agent: string | null;
            type: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @description the grant this record was reached through; null when direct */
            via_grant: string | null;
            /** @enum {string} */
            visibility: "private" | "shared" | "public";
        };
        SearchHit: {
            /** @description with include: ["content"] only */
            content?: string;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            entities?: string[];
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            metadata?: {
                [key: string]: unknown;
            } | null;
            namespace: string;
            score: number;
            type: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            via_grant: string | null;
            /** @enum {string} */
            visibility: "private" | "shared" | "public";
        };
        SearchResult: {
            items: components["schemas"]["SearchHit"][];
        };
        SecretPage: {
            items: components["schemas"]["SecretSummary"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description The plaintext value (answered with cache-control: no-store) */
        SecretResolved: {
            kind: string;
            value: string;
        };
        /** @description A secret as listed: audit fields only, never the value */
        SecretSummary: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            created_by: string;
            kind: string;
            last_used_at: string | null;
            last_verified_at: string | null;
            last4: string | null;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            /** @enum {string} */
            verify_status: "valid" | "invalid" | "error" | "unverified";
            verify_url: string | null;
        };
        SecretVerification: {
            kind: string;
            /** @description ISO 8601 time, UTC */
            last_verified_at: string;
            reason: string;
            /** @enum {string} */
            verify_status: "valid" | "invalid" | "error";
        };
        SecretWritten: {
            kind: string;
            last4: string | null;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
        };
        Session: {
            /** @description send as x-csrf-token on every cookie-authenticated change */
            csrf_token: string;
            /** @description ISO 8601 time, UTC */
            expires_at: string;
            session_id: string;
        };
        /** @description One data subject: the records naming the entity and the audit entries about them */
        SubjectExportPage: {
            audit: components["schemas"]["AuditEntry"][];
            audit_truncated: boolean;
            /** @description ISO 8601 time, UTC */
            exported_at: string;
            /** @constant */
            format: "coffer-subject-export/v1";
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
            records: components["schemas"]["ExportedItem"][];
        };
        /** @description One operator-plane action in the system log (ids only) */
        SystemAuditEntry: {
            action: string;
            /** @description `operator:<id>` or `cli` */
            actor: string;
            /** @description ISO 8601 time, UTC */
            at: string;
            /** @description a UUID */
            id: string;
            resource: string;
        };
        SystemAuditPage: {
            items: components["schemas"]["SystemAuditEntry"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description A token as listed: never its hash, never its plaintext */
        Token: {
            agent: string | null;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            last_used_at: string | null;
            name: string;
            namespace: string | null;
            rate_limit_per_minute: number | null;
            revoked_at: string | null;
            rotated_to: string | null;
            scopes: ("records:read" | "records:write" | "secrets:write" | "secrets:resolve" | "audit:read" | "admin")[];
            user_id: string | null;
        };
        /** @description A new token: its view and its plaintext, shown this once */
        TokenIssued: {
            agent: string | null;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            expires_at: string | null;
            /** @description a UUID */
            id: string;
            last_used_at: string | null;
            name: string;
            namespace: string | null;
            rate_limit_per_minute: number | null;
            revoked_at: string | null;
            rotated_to: string | null;
            scopes: ("records:read" | "records:write" | "secrets:write" | "secrets:resolve" | "audit:read" | "admin")[];
            /** @description the plaintext (cf_...), shown this once */
            token: string;
            user_id: string | null;
        };
        TokenPage: {
            items: components["schemas"]["Token"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        /** @description An org's usage and its plan's quotas (limit null: the plan sets none) */
        Usage: {
            /** @description stored bytes of encrypted content and metadata */
            bytes: number;
            namespaces: {
                bytes: number;
                namespace: string;
                records: number;
            }[];
            plan: string;
            quotas: {
                max_tokens: {
                    limit: number | null;
                    used: number;
                };
                max_webhook_endpoints: {
                    limit: number | null;
                    used: number;
                };
                records: {
                    limit: number | null;
                    used: number;
                };
                storage_bytes: {
                    limit: number | null;
                    used: number;
                };
            };
            records: number;
            requests_per_day: {
                day: string;
                requests: number;
            }[];
            secrets: number;
            /** @description live (not revoked) tokens */
            tokens: number;
            webhook_endpoints: number;
        };
        /** @description A delivery as the log shows it: ids and status, never the URL or a secret */
        WebhookDelivery: {
            attempts: number;
            /** @description ISO 8601 time, UTC */
            created_at: string;
            event_type: string;
            finished_at: string | null;
            id: string;
            last_error: string | null;
            last_status_code: number | null;
            log: {
                attempt: number;
                /** @description ISO 8601 time, UTC */
                attempted_at: string;
                error: string | null;
                latency_ms: number;
                next_attempt_at: string | null;
                /** @enum {string} */
                outcome: "delivered" | "retrying" | "failed";
                status_code: number | null;
            }[];
            next_attempt_at: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        WebhookEndpoint: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            /** @description "" when none was given */
            description: string;
            disabled_reason: "continuous_failure" | null;
            enabled: boolean;
            event_types: ("record.created" | "record.updated" | "record.deleted" | "record.expired" | "records.erased" | "secret.updated" | "secret.resolved" | "secret.deleted" | "token.created" | "token.revoked" | "key.rotated" | "key.destroyed" | "audit.checkpoint" | "usage.quota_warning" | "connector.reauth_required" | "archive.run_completed" | "*")[];
            failing_since: string | null;
            /** @description a UUID */
            id: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            url: string;
        };
        WebhookEndpointCreated: {
            /** @description ISO 8601 time, UTC */
            created_at: string;
            /** @description "" when none was given */
            description: string;
            disabled_reason: "continuous_failure" | null;
            enabled: boolean;
            event_types: ("record.created" | "record.updated" | "record.deleted" | "record.expired" | "records.erased" | "secret.updated" | "secret.resolved" | "secret.deleted" | "token.created" | "token.revoked" | "key.rotated" | "key.destroyed" | "audit.checkpoint" | "usage.quota_warning" | "connector.reauth_required" | "archive.run_completed" | "*")[];
            failing_since: string | null;
            /** @description a UUID */
            id: string;
            /** @description whsec_..., shown this once */
            secret: string;
            /** @description ISO 8601 time, UTC */
            updated_at: string;
            url: string;
        };
        WebhookEndpointPage: {
            items: components["schemas"]["WebhookEndpoint"][];
            /** @description pass as `cursor` for the next page; null on the last */
            next_cursor: string | null;
        };
        WebhookPingQueued: {
            /** @constant */
            event_type: "ping";
            id: string;
            /** @constant */
            status: "pending";
        };
        WebhookRequeued: {
            requeued: number;
        };
        WebhookSecret: {
            /** @description the new signing secret, shown this once */
            secret: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getConsole: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The console (its own CSP: scripts and styles from this origin only) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getConsoleAssetsByFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a file of the bundle, e.g. index-<hash>.js */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A bundle file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/css": string;
                    "text/javascript": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getDocsByAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                asset: "docs-init.js" | "swagger-ui-bundle.js" | "swagger-ui.css";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A script or a style sheet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": string;
                    "text/css": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getHealthLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthLive"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getHealthReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthReady"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, NOT_READY */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "NOT_READY";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1ArchiveRuns: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchiveRunPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1ArchiveRuns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    max_records?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchiveRun"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: ARCHIVE_NOT_CONFIGURED, CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ARCHIVE_NOT_CONFIGURED" | "CONFLICT";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1ArchiveSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchiveSettings"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    putV1ArchiveSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    access_key_id: string;
                    bucket: string;
                    /** @default true */
                    enabled?: boolean;
                    endpoint: string;
                    /** @enum {string} */
                    mode: "plaintext" | "sealed";
                    /** @default true */
                    path_style?: boolean;
                    policy: {
                        namespaces?: string[];
                        older_than_days: number;
                        types?: string[];
                    };
                    /** @default  */
                    prefix?: string;
                    recipient_public_key?: string;
                    /** @default us-east-1 */
                    region?: string;
                    secret_access_key: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchiveSettings"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: ARCHIVE_BUCKET_REFUSED, UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ARCHIVE_BUCKET_REFUSED" | "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
            /** @description Problem: UPSTREAM_TIMEOUT */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_TIMEOUT";
                        /** @constant */
                        status: 504;
                    };
                };
            };
        };
    };
    deleteV1ArchiveSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Audit: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                cursor?: number;
                limit?: number;
                resource?: string;
                since?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the signed note */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditCheckpointKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description verifier keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditExport: {
        parameters: {
            query?: {
                consistent_from?: number;
                from?: number;
                to?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the bundle, one JSON object a line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditProofConsistency: {
        parameters: {
            query: {
                from: number;
                to?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditConsistencyProof"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED, AUDIT_CHAIN_BROKEN */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "AUDIT_CHAIN_BROKEN" | "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditProofInclusion: {
        parameters: {
            query: {
                seq: number;
                size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditInclusionProof"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED, AUDIT_CHAIN_BROKEN */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "AUDIT_CHAIN_BROKEN" | "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditSettings"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    putV1AuditSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    record_reads: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditSettings"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1AuditStream: {
        parameters: {
            query?: {
                after?: number;
            };
            header?: {
                /** @description resume after this sequence number */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description events named `entry`, data an AuditEntry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1AuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    org: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: INVALID_CREDENTIALS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INVALID_CREDENTIALS";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1AuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Connectors: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1ConnectorsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1ConnectorsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1ConnectorsByIdResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    purpose: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorAccessToken"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONNECTOR_REAUTH_REQUIRED, CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT" | "CONNECTOR_REAUTH_REQUIRED";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1ConnectorsByProviderAuthorize: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorAuthorization"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: CONNECTORS_NOT_CONFIGURED */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONNECTORS_NOT_CONFIGURED";
                        /** @constant */
                        status: 501;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1ConnectorsCallback: {
        parameters: {
            query: {
                code?: string;
                error?: string;
                error_description?: string;
                error_uri?: string;
                iss?: string;
                scope?: string;
                session_state?: string;
                state: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, STATE_INVALID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "STATE_INVALID" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: TOKEN_REVOKED, TOKEN_EXPIRED, TOKEN_INVALID, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: CONNECTORS_NOT_CONFIGURED */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONNECTORS_NOT_CONFIGURED";
                        /** @constant */
                        status: 501;
                    };
                };
            };
            /** @description Problem: CONNECTOR_TOKEN_REFUSED, UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONNECTOR_TOKEN_REFUSED" | "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1ConnectorsProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProviderPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1ConnectorsProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    authorization_endpoint: string;
                    client_id: string;
                    client_secret: string;
                    name: string;
                    /** @default [] */
                    scopes?: string[];
                    token_endpoint: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProvider"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1ConnectorsProvidersByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorProvider"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1ConnectorsProvidersByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Export: {
        parameters: {
            query?: {
                cursor?: string;
                format?: "plain" | "sealed";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Grants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantList"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1Grants: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    expires_in_seconds?: number;
                    namespace: string;
                    reads: string;
                    types?: string[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Grant"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1GrantsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Keys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rotation: {
                            envelopes_done: number;
                            envelopes_left: number;
                            /** @description a UUID */
                            job_id: string;
                            /** @description this instance is re-encrypting now; false: POST /v1/keys/rotate resumes it */
                            running_here: boolean;
                            target_version: number;
                        } | null;
                        versions: {
                            /** @description ISO 8601 time, UTC */
                            created_at: string;
                            destroyed_at: string | null;
                            /** @description envelopes sealed under this version */
                            envelopes: number;
                            /** @enum {string} */
                            state: "active" | "retiring" | "retired" | "destroyed";
                            version: number;
                        }[];
                    };
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1KeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description a UUID */
                        job_id: string;
                        /** @enum {string} */
                        state: "running" | "completed";
                        target_version: number;
                    };
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Members: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            email: string;
                            /** @description the member behind the calling credential */
                            is_caller: boolean;
                            /** @description ISO 8601 time, UTC */
                            joined_at: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member";
                            suspended: boolean;
                            /** @description a UUID */
                            user_id: string;
                        }[];
                        /** @description one page: an org has few members */
                        next_cursor: null;
                    };
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1MembersByUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Namespaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NamespaceList"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1Namespaces: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Namespace"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT, IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT" | "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1NamespacesByName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NamespaceDeleted"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Orgs: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1Orgs: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    plan?: string;
                    slug: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgCreated"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT, IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT" | "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1OrgsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgWithUsage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1OrgsById: {
        parameters: {
            query?: {
                confirm?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    confirm?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgDeleted"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    patchV1OrgsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    plan?: string;
                    rate_limit_per_minute?: number | null;
                    suspended?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Org"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Records: {
        parameters: {
            query?: {
                created_after?: string;
                created_before?: string;
                cursor?: string;
                entity?: string;
                ids?: string;
                include?: "content";
                limit?: number;
                namespace?: string;
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordList"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1Records: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default [] */
                    allowed_agents?: string[];
                    content: string;
                    entities?: string[];
                    metadata?: {
                        [key: string]: unknown;
                    };
                    /** @default default */
                    namespace?: string;
                    ttl_seconds?: number;
                    /** @default note */
                    type?: string;
                    /**
                     * @default shared
                     * @enum {string}
                     */
                    visibility?: "private" | "shared" | "public";
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordSummary"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1Records: {
        parameters: {
            query?: {
                after?: string;
                before?: string;
                entity?: string;
                ids?: string;
                namespace?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EraseResult"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1RecordsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordOrArchived"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1RecordsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArchivedRecordDeleted"];
                };
            };
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    patchV1RecordsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allowed_agents?: string[];
                    content?: string;
                    entities?: string[];
                    metadata?: {
                        [key: string]: unknown;
                    } | null;
                    ttl_seconds?: number | null;
                    type?: string;
                    /** @enum {string} */
                    visibility?: "private" | "shared" | "public";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Record"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1RecordsByIdRestore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordSummary"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: ARCHIVE_SEALED, ARCHIVE_NOT_CONFIGURED, ARCHIVE_OBJECT_INVALID */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ARCHIVE_NOT_CONFIGURED" | "ARCHIVE_OBJECT_INVALID" | "ARCHIVE_SEALED";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: ARCHIVE_BUCKET_REFUSED, UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ARCHIVE_BUCKET_REFUSED" | "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
            /** @description Problem: UPSTREAM_TIMEOUT */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_TIMEOUT";
                        /** @constant */
                        status: 504;
                    };
                };
            };
        };
    };
    postV1RecordsBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    records: unknown[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordBatch"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1RecordsSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    entities?: string[];
                    include?: "content"[];
                    /** @default 20 */
                    limit?: number;
                    namespaces?: string[];
                    query: string;
                    types?: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResult"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Secrets: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    putV1SecretsByKind: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value: string;
                    verify_url?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretWritten"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1SecretsByKind: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1SecretsByKindResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    purpose: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretResolved"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1SecretsByKindVerify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretVerification"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
            /** @description Problem: UPSTREAM_TIMEOUT */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_TIMEOUT";
                        /** @constant */
                        status: 504;
                    };
                };
            };
        };
    };
    getV1Session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        audit: {
                            /** @description sealed entries recomputed */
                            entries: number;
                            first_bad_seq?: number;
                            /** @enum {string} */
                            reason?: "hash mismatch" | "sequence gap" | "checkpoint mismatch" | "checkpoint signature";
                            verifies: boolean;
                        };
                        limits: {
                            max_tokens: number | null;
                            max_webhook_endpoints: number | null;
                            rate_limit_per_minute: number;
                            records: number | null;
                            storage_bytes: number | null;
                        };
                        org: {
                            /** @description a UUID */
                            id: string;
                            name: string;
                            plan: string;
                            slug: string;
                        };
                        principal: {
                            agent: string | null;
                            email: string | null;
                            expires_at: string | null;
                            /** @description a UUID */
                            id: string;
                            /** @enum {string} */
                            kind: "token" | "session";
                            namespace_id: string | null;
                            rate_limit_per_minute: number;
                            role: ("owner" | "admin" | "member") | null;
                            scopes: ("records:read" | "records:write" | "secrets:write" | "secrets:resolve" | "audit:read" | "admin")[];
                            user_id: string | null;
                        };
                        stored: {
                            /** @description bytes of their content envelopes (ciphertext) */
                            content_bytes: number;
                            /** @description live records (not expired) */
                            records: number;
                        };
                    };
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1SubjectsByEntityExport: {
        parameters: {
            query?: {
                cursor?: string;
                format?: "plain" | "sealed";
                limit?: number;
            };
            header?: never;
            path: {
                entity: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubjectExportPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1SystemAudit: {
        parameters: {
            query?: {
                action?: string;
                actor?: string;
                cursor?: string;
                limit?: number;
                resource?: string;
                since?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemAuditPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Tokens: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1Tokens: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    agent?: string;
                    expires_in_seconds?: number;
                    name: string;
                    namespace?: string;
                    rate_limit_per_minute?: number;
                    scopes: ("records:read" | "records:write" | "secrets:write" | "secrets:resolve" | "audit:read" | "admin")[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenIssued"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1TokensById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1TokensByIdRotate: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @default 86400 */
                    grace_seconds?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenIssued"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT, IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT" | "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Usage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Usage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1Webhooks: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1Webhooks: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    enabled?: boolean;
                    event_types: ("record.created" | "record.updated" | "record.deleted" | "record.expired" | "records.erased" | "secret.updated" | "secret.resolved" | "secret.deleted" | "token.created" | "token.revoked" | "key.rotated" | "key.destroyed" | "audit.checkpoint" | "usage.quota_warning" | "connector.reauth_required" | "archive.run_completed" | "*")[];
                    url: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: LIMIT_REACHED, IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_IN_USE" | "LIMIT_REACHED";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL, IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED" | "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1WebhooksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    deleteV1WebhooksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    patchV1WebhooksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description?: string;
                    enabled?: boolean;
                    event_types?: ("record.created" | "record.updated" | "record.deleted" | "record.expired" | "records.erased" | "secret.updated" | "secret.resolved" | "secret.deleted" | "token.created" | "token.revoked" | "key.rotated" | "key.destroyed" | "audit.checkpoint" | "usage.quota_warning" | "connector.reauth_required" | "archive.run_completed" | "*")[];
                    url?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: UNSAFE_URL */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSAFE_URL";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: UPSTREAM_UNREACHABLE */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UPSTREAM_UNREACHABLE";
                        /** @constant */
                        status: 502;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    getV1WebhooksByIdDeliveries: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Problem: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1WebhooksByIdDeliveriesRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    ids?: string[];
                    /** Format: date-time */
                    since?: string;
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookRequeued"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: CONFLICT */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "CONFLICT";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1WebhooksByIdRotateSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes a retry safe: the same key with the same body within 24 h answers the first response (with `Idempotent-Replayed: true`); with another body, 422 IDEMPOTENCY_KEY_REUSED; while the first is in flight, 409 IDEMPOTENCY_KEY_IN_USE */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecret"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_IN_USE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_IN_USE";
                        /** @constant */
                        status: 409;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: IDEMPOTENCY_KEY_REUSED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "IDEMPOTENCY_KEY_REUSED";
                        /** @constant */
                        status: 422;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
    postV1WebhooksByIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPingQueued"];
                };
            };
            /** @description Problem: VALIDATION_FAILED, MALFORMED_JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "MALFORMED_JSON" | "VALIDATION_FAILED";
                        /** @constant */
                        status: 400;
                    };
                };
            };
            /** @description Problem: UNAUTHENTICATED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SESSION_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "SESSION_INVALID" | "TOKEN_EXPIRED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "UNAUTHENTICATED";
                        /** @constant */
                        status: 401;
                    };
                };
            };
            /** @description Problem: CSRF_FAILED, INSUFFICIENT_SCOPE, ACCOUNT_SUSPENDED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "ACCOUNT_SUSPENDED" | "CSRF_FAILED" | "INSUFFICIENT_SCOPE";
                        /** @constant */
                        status: 403;
                    };
                };
            };
            /** @description Problem: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "NOT_FOUND";
                        /** @constant */
                        status: 404;
                    };
                };
            };
            /** @description Problem: REQUEST_TIMEOUT */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "REQUEST_TIMEOUT";
                        /** @constant */
                        status: 408;
                    };
                };
            };
            /** @description Problem: KEY_DESTROYED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "KEY_DESTROYED";
                        /** @constant */
                        status: 410;
                    };
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "PAYLOAD_TOO_LARGE";
                        /** @constant */
                        status: 413;
                    };
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "UNSUPPORTED_MEDIA_TYPE";
                        /** @constant */
                        status: 415;
                    };
                };
            };
            /** @description Problem: RATE_LIMITED */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "RATE_LIMITED";
                        /** @constant */
                        status: 429;
                    };
                };
            };
            /** @description Problem: HEADERS_TOO_LARGE */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "HEADERS_TOO_LARGE";
                        /** @constant */
                        status: 431;
                    };
                };
            };
            /** @description Problem: INTERNAL, DECRYPTION_FAILED */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DECRYPTION_FAILED" | "INTERNAL";
                        /** @constant */
                        status: 500;
                    };
                };
            };
            /** @description Problem: DATABASE_UNAVAILABLE, KEY_UNAVAILABLE */
            503: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code: "DATABASE_UNAVAILABLE" | "KEY_UNAVAILABLE";
                        /** @constant */
                        status: 503;
                    };
                };
            };
        };
    };
}
