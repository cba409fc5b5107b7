-- The schema of hatchet, a distributed task queue and workflow engine: a tenant column on
-- almost every table, in two spellings (tenant_id and "tenantId").
--
-- Project: https://github.com/hatchet-dev/hatchet
-- Commit:  89d130f303c9561442804c9c32b8748e699d5139
-- Source:  sql/schema/v0.sql, sql/schema/v1-core.sql, sql/schema/v1-olap.sql (sqlc's schema)
-- License: MIT. Copyright (c) 2023-present Hatchet Technologies Inc.
-- Permission is hereby granted, free of charge, to any person obtaining a copy of this
-- software and associated documentation files (the "Software"), to deal in the Software without
-- restriction, including without limitation the rights to use, copy, modify, merge, publish,
-- distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
-- Software is furnished to do so, subject to the following conditions: The above copyright
-- notice and this permission notice shall be included in all copies or substantial portions of
-- the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
-- IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
-- PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
-- LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
-- OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
-- DEALINGS IN THE SOFTWARE.
--
-- Trimmed for tenantvet: the project's schema was applied to PostgreSQL 15, dumped with
-- pg_dump --schema-only, and cut to the statements tenantvet reads: types, CREATE TABLE,
-- primary, unique and foreign keys, unique indexes and partition attachments. Functions,
-- triggers, sequences, views, other indexes and CHECK constraints are left out.

CREATE TYPE public."ConcurrencyLimitStrategy" AS ENUM (
    'CANCEL_IN_PROGRESS',
    'DROP_NEWEST',
    'QUEUE_NEWEST',
    'GROUP_ROUND_ROBIN',
    'CANCEL_NEWEST'
);

CREATE TYPE public."InternalQueue" AS ENUM (
    'WORKER_SEMAPHORE_COUNT',
    'STEP_RUN_UPDATE',
    'WORKFLOW_RUN_UPDATE',
    'WORKFLOW_RUN_PAUSED',
    'STEP_RUN_UPDATE_V2'
);

CREATE TYPE public."InviteLinkStatus" AS ENUM (
    'PENDING',
    'ACCEPTED',
    'REJECTED'
);

CREATE TYPE public."JobKind" AS ENUM (
    'DEFAULT',
    'ON_FAILURE'
);

CREATE TYPE public."JobRunStatus" AS ENUM (
    'PENDING',
    'RUNNING',
    'SUCCEEDED',
    'FAILED',
    'CANCELLED',
    'BACKOFF'
);

CREATE TYPE public."LeaseKind" AS ENUM (
    'WORKER',
    'QUEUE',
    'CONCURRENCY_STRATEGY',
    'TABLE_PARTITION_MAINTENANCE',
    'BATCH'
);

CREATE TYPE public."LimitResource" AS ENUM (
    'TASK_RUN',
    'EVENT',
    'WORKER',
    'WORKER_SLOT',
    'CRON',
    'SCHEDULE',
    'INCOMING_WEBHOOK'
);

CREATE TYPE public."LogLineLevel" AS ENUM (
    'DEBUG',
    'INFO',
    'WARN',
    'ERROR'
);

CREATE TYPE public."MessageQueueItemStatus" AS ENUM (
    'PENDING',
    'ASSIGNED'
);

CREATE TYPE public."StepExpressionKind" AS ENUM (
    'DYNAMIC_RATE_LIMIT_KEY',
    'DYNAMIC_RATE_LIMIT_VALUE',
    'DYNAMIC_RATE_LIMIT_UNITS',
    'DYNAMIC_RATE_LIMIT_WINDOW'
);

CREATE TYPE public."StepRateLimitKind" AS ENUM (
    'STATIC',
    'DYNAMIC'
);

CREATE TYPE public."StepRunEventReason" AS ENUM (
    'REQUEUED_NO_WORKER',
    'REQUEUED_RATE_LIMIT',
    'SCHEDULING_TIMED_OUT',
    'ASSIGNED',
    'STARTED',
    'FINISHED',
    'FAILED',
    'RETRYING',
    'CANCELLED',
    'TIMED_OUT',
    'REASSIGNED',
    'SLOT_RELEASED',
    'TIMEOUT_REFRESHED',
    'RETRIED_BY_USER',
    'SENT_TO_WORKER',
    'WORKFLOW_RUN_GROUP_KEY_SUCCEEDED',
    'WORKFLOW_RUN_GROUP_KEY_FAILED',
    'RATE_LIMIT_ERROR',
    'ACKNOWLEDGED'
);

CREATE TYPE public."StepRunEventSeverity" AS ENUM (
    'INFO',
    'WARNING',
    'CRITICAL'
);

CREATE TYPE public."StepRunStatus" AS ENUM (
    'PENDING',
    'PENDING_ASSIGNMENT',
    'ASSIGNED',
    'RUNNING',
    'SUCCEEDED',
    'FAILED',
    'CANCELLED',
    'CANCELLING',
    'BACKOFF'
);

CREATE TYPE public."StickyStrategy" AS ENUM (
    'SOFT',
    'HARD'
);

CREATE TYPE public."TenantEnvironment" AS ENUM (
    'local',
    'development',
    'production'
);

CREATE TYPE public."TenantMajorEngineVersion" AS ENUM (
    'V0',
    'V1'
);

CREATE TYPE public."TenantMajorUIVersion" AS ENUM (
    'V0',
    'V1'
);

CREATE TYPE public."TenantMemberRole" AS ENUM (
    'OWNER',
    'ADMIN',
    'MEMBER',
    'VIEWER'
);

CREATE TYPE public."TenantResourceLimitAlertType" AS ENUM (
    'Alarm',
    'Exhausted'
);

CREATE TYPE public."VcsProvider" AS ENUM (
    'GITHUB'
);

CREATE TYPE public."WebhookWorkerRequestMethod" AS ENUM (
    'GET',
    'POST',
    'PUT'
);

CREATE TYPE public."WorkerLabelComparator" AS ENUM (
    'EQUAL',
    'NOT_EQUAL',
    'GREATER_THAN',
    'GREATER_THAN_OR_EQUAL',
    'LESS_THAN',
    'LESS_THAN_OR_EQUAL'
);

CREATE TYPE public."WorkerSDKS" AS ENUM (
    'UNKNOWN',
    'GO',
    'PYTHON',
    'TYPESCRIPT',
    'RUBY'
);

CREATE TYPE public."WorkerType" AS ENUM (
    'WEBHOOK',
    'MANAGED',
    'SELFHOSTED'
);

CREATE TYPE public."WorkflowKind" AS ENUM (
    'FUNCTION',
    'DURABLE',
    'DAG'
);

CREATE TYPE public."WorkflowPauseQueueBehavior" AS ENUM (
    'QUEUE',
    'DROP'
);

CREATE TYPE public."WorkflowRunStatus" AS ENUM (
    'PENDING',
    'RUNNING',
    'SUCCEEDED',
    'FAILED',
    'QUEUED',
    'CANCELLING',
    'CANCELLED',
    'BACKOFF'
);

CREATE TYPE public."WorkflowTriggerCronRefMethods" AS ENUM (
    'DEFAULT',
    'API'
);

CREATE TYPE public."WorkflowTriggerScheduledRefMethods" AS ENUM (
    'DEFAULT',
    'API'
);

CREATE TYPE public.idempotency_method AS ENUM (
    'TTL',
    'STATUS'
);

CREATE TYPE public.uuidrange AS RANGE (
    subtype = uuid,
    multirange_type_name = public.uuidmultirange
);

CREATE TYPE public.v1_cel_evaluation_failure_source AS ENUM (
    'FILTER',
    'WEBHOOK',
    'IDEMPOTENCY_KEY'
);

CREATE TYPE public.v1_concurrency_strategy AS ENUM (
    'NONE',
    'GROUP_ROUND_ROBIN',
    'CANCEL_IN_PROGRESS',
    'CANCEL_NEWEST'
);

CREATE TYPE public.v1_durable_event_log_kind AS ENUM (
    'RUN',
    'WAIT_FOR',
    'MEMO'
);

CREATE TYPE public.v1_event_type AS ENUM (
    'USER',
    'INTERNAL'
);

CREATE TYPE public.v1_event_type_olap AS ENUM (
    'RETRYING',
    'REASSIGNED',
    'RETRIED_BY_USER',
    'CREATED',
    'QUEUED',
    'REQUEUED_NO_WORKER',
    'REQUEUED_RATE_LIMIT',
    'ASSIGNED',
    'ACKNOWLEDGED',
    'SENT_TO_WORKER',
    'SLOT_RELEASED',
    'STARTED',
    'TIMEOUT_REFRESHED',
    'SCHEDULING_TIMED_OUT',
    'FINISHED',
    'FAILED',
    'CANCELLED',
    'TIMED_OUT',
    'RATE_LIMIT_ERROR',
    'SKIPPED',
    'COULD_NOT_SEND_TO_WORKER',
    'DURABLE_EVICTED',
    'DURABLE_RESTORING',
    'BATCH_BUFFERED',
    'WAITING_FOR_BATCH',
    'BATCH_FLUSHED'
);

CREATE TYPE public.v1_incoming_webhook_auth_type AS ENUM (
    'BASIC',
    'API_KEY',
    'HMAC'
);

CREATE TYPE public.v1_incoming_webhook_hmac_algorithm AS ENUM (
    'SHA1',
    'SHA256',
    'SHA512',
    'MD5'
);

CREATE TYPE public.v1_incoming_webhook_hmac_encoding AS ENUM (
    'HEX',
    'BASE64',
    'BASE64URL'
);

CREATE TYPE public.v1_incoming_webhook_source_name AS ENUM (
    'GENERIC',
    'GITHUB',
    'STRIPE',
    'SLACK',
    'LINEAR',
    'SVIX'
);

CREATE TYPE public.v1_log_line_level AS ENUM (
    'DEBUG',
    'INFO',
    'WARN',
    'ERROR'
);

CREATE TYPE public.v1_match_condition_action AS ENUM (
    'CREATE',
    'QUEUE',
    'CANCEL',
    'SKIP',
    'CREATE_MATCH'
);

CREATE TYPE public.v1_match_kind AS ENUM (
    'TRIGGER',
    'SIGNAL'
);

CREATE TYPE public.v1_operator_kind AS ENUM (
    'HTTP_API',
    'DAG'
);

CREATE TYPE public.v1_otel_span_kind AS ENUM (
    'UNSPECIFIED',
    'INTERNAL',
    'SERVER',
    'CLIENT',
    'PRODUCER',
    'CONSUMER'
);

CREATE TYPE public.v1_otel_status_code AS ENUM (
    'UNSET',
    'OK',
    'ERROR'
);

CREATE TYPE public.v1_payload_location AS ENUM (
    'INLINE',
    'EXTERNAL'
);

CREATE TYPE public.v1_payload_location_olap AS ENUM (
    'INLINE',
    'EXTERNAL'
);

CREATE TYPE public.v1_payload_type AS ENUM (
    'TASK_INPUT',
    'DAG_INPUT',
    'TASK_OUTPUT',
    'TASK_EVENT_DATA',
    'USER_EVENT_INPUT',
    'DURABLE_EVENT_LOG_ENTRY_DATA',
    'DURABLE_EVENT_LOG_ENTRY_RESULT_DATA'
);

CREATE TYPE public.v1_readable_status_olap AS ENUM (
    'QUEUED',
    'RUNNING',
    'CANCELLED',
    'FAILED',
    'COMPLETED',
    'EVICTED'
);

CREATE TYPE public.v1_run_kind AS ENUM (
    'TASK',
    'DAG'
);

CREATE TYPE public.v1_status_kind AS ENUM (
    'TASK',
    'DAG'
);

CREATE TYPE public.v1_step_match_condition_kind AS ENUM (
    'PARENT_OVERRIDE',
    'USER_EVENT',
    'SLEEP'
);

CREATE TYPE public.v1_sticky_strategy AS ENUM (
    'NONE',
    'SOFT',
    'HARD'
);

CREATE TYPE public.v1_sticky_strategy_olap AS ENUM (
    'NONE',
    'SOFT',
    'HARD'
);

CREATE TYPE public.v1_task_event_type AS ENUM (
    'COMPLETED',
    'FAILED',
    'CANCELLED',
    'SIGNAL_CREATED',
    'SIGNAL_COMPLETED'
);

CREATE TYPE public.v1_task_initial_state AS ENUM (
    'QUEUED',
    'CANCELLED',
    'SKIPPED',
    'FAILED'
);

CREATE TABLE public.v1_task_events_olap_tmp (
    tenant_id uuid NOT NULL,
    requeue_after timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    requeue_retries integer DEFAULT 0 NOT NULL,
    id bigint NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    event_type public.v1_event_type_olap NOT NULL,
    readable_status public.v1_readable_status_olap NOT NULL,
    retry_count integer DEFAULT 0 NOT NULL,
    worker_id uuid
)
PARTITION BY HASH (task_id);

CREATE TABLE public.v1_task_status_updates_tmp (
    tenant_id uuid NOT NULL,
    requeue_after timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    requeue_retries integer DEFAULT 0 NOT NULL,
    id bigint NOT NULL,
    dag_id bigint NOT NULL,
    dag_inserted_at timestamp with time zone NOT NULL
)
PARTITION BY HASH (dag_id);

CREATE TABLE public."APIToken" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "expiresAt" timestamp(3) without time zone,
    revoked boolean DEFAULT false NOT NULL,
    name text,
    "tenantId" uuid,
    "nextAlertAt" timestamp(3) without time zone,
    internal boolean DEFAULT false NOT NULL
);

CREATE TABLE public."Action" (
    description text,
    "tenantId" uuid NOT NULL,
    "actionId" text NOT NULL,
    id uuid NOT NULL
);

CREATE TABLE public."ControllerPartition" (
    id text NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "lastHeartbeat" timestamp(3) without time zone,
    name text
);

CREATE TABLE public."Dispatcher" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "lastHeartbeatAt" timestamp(3) without time zone,
    "isActive" boolean DEFAULT true NOT NULL
);

CREATE TABLE public."Event" (
    id uuid NOT NULL,
    "createdAt" timestamp(6) without time zone DEFAULT clock_timestamp() NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    key text NOT NULL,
    "tenantId" uuid NOT NULL,
    "replayedFromId" uuid,
    data jsonb,
    "additionalMetadata" jsonb,
    "insertOrder" integer
);

CREATE TABLE public."EventKey" (
    key text NOT NULL,
    "tenantId" uuid NOT NULL,
    id bigint NOT NULL
);

CREATE TABLE public."GetGroupKeyRun" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "workerId" uuid,
    "tickerId" uuid,
    status public."StepRunStatus" DEFAULT 'PENDING'::public."StepRunStatus" NOT NULL,
    input jsonb,
    output text,
    "requeueAfter" timestamp(3) without time zone,
    error text,
    "startedAt" timestamp(3) without time zone,
    "finishedAt" timestamp(3) without time zone,
    "timeoutAt" timestamp(3) without time zone,
    "cancelledAt" timestamp(3) without time zone,
    "cancelledReason" text,
    "cancelledError" text,
    "workflowRunId" uuid NOT NULL,
    "scheduleTimeoutAt" timestamp(3) without time zone
);

CREATE TABLE public."InternalQueueItem" (
    id bigint NOT NULL,
    queue public."InternalQueue" NOT NULL,
    "isQueued" boolean NOT NULL,
    data jsonb,
    "tenantId" uuid NOT NULL,
    priority integer DEFAULT 1 NOT NULL,
    "uniqueKey" text,
    CONSTRAINT "InternalQueueItem_priority_check" CHECK (((priority >= 1) AND (priority <= 4)))
);

CREATE TABLE public."Job" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "workflowVersionId" uuid NOT NULL,
    name text NOT NULL,
    description text,
    timeout text,
    kind public."JobKind" DEFAULT 'DEFAULT'::public."JobKind" NOT NULL
);

CREATE TABLE public."JobRun" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "jobId" uuid NOT NULL,
    "tickerId" uuid,
    status public."JobRunStatus" DEFAULT 'PENDING'::public."JobRunStatus" NOT NULL,
    result jsonb,
    "startedAt" timestamp(3) without time zone,
    "finishedAt" timestamp(3) without time zone,
    "timeoutAt" timestamp(3) without time zone,
    "cancelledAt" timestamp(3) without time zone,
    "cancelledReason" text,
    "cancelledError" text,
    "workflowRunId" uuid NOT NULL
);

CREATE TABLE public."JobRunLookupData" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "jobRunId" uuid NOT NULL,
    "tenantId" uuid NOT NULL,
    data jsonb
);

CREATE TABLE public."Lease" (
    id bigint NOT NULL,
    "expiresAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "resourceId" text NOT NULL,
    kind public."LeaseKind" NOT NULL
);

CREATE TABLE public."LogLine" (
    id bigint NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "stepRunId" uuid,
    message text NOT NULL,
    level public."LogLineLevel" DEFAULT 'INFO'::public."LogLineLevel" NOT NULL,
    metadata jsonb
);

CREATE TABLE public."MessageQueue" (
    name text NOT NULL,
    "lastActive" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP,
    durable boolean DEFAULT true NOT NULL,
    "autoDeleted" boolean DEFAULT false NOT NULL,
    exclusive boolean DEFAULT false NOT NULL,
    "exclusiveConsumerId" uuid
);

CREATE TABLE public."MessageQueueItem" (
    id bigint NOT NULL,
    payload jsonb NOT NULL,
    "readAfter" timestamp(3) without time zone,
    "expiresAt" timestamp(3) without time zone,
    "queueId" text,
    status public."MessageQueueItemStatus" DEFAULT 'PENDING'::public."MessageQueueItemStatus" NOT NULL
);

CREATE TABLE public."Queue" (
    id bigint NOT NULL,
    "tenantId" uuid NOT NULL,
    name text NOT NULL,
    "lastActive" timestamp(3) without time zone
);

CREATE TABLE public."QueueItem" (
    id bigint NOT NULL,
    "stepRunId" uuid,
    "stepId" uuid,
    "actionId" text,
    "scheduleTimeoutAt" timestamp(3) without time zone,
    "stepTimeout" text,
    priority integer DEFAULT 1 NOT NULL,
    "isQueued" boolean NOT NULL,
    "tenantId" uuid NOT NULL,
    queue text NOT NULL,
    sticky public."StickyStrategy",
    "desiredWorkerId" uuid,
    CONSTRAINT "QueueItem_priority_check" CHECK (((priority >= 1) AND (priority <= 4)))
);

CREATE TABLE public."RateLimit" (
    "tenantId" uuid NOT NULL,
    key text NOT NULL,
    "limitValue" integer NOT NULL,
    value integer NOT NULL,
    "window" text NOT NULL,
    "lastRefill" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public."RetryQueueItem" (
    id bigint NOT NULL,
    "retryAfter" timestamp(3) without time zone NOT NULL,
    "stepRunId" uuid NOT NULL,
    "tenantId" uuid NOT NULL,
    "isQueued" boolean NOT NULL
);

CREATE TABLE public."SNSIntegration" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "topicArn" text NOT NULL
);

CREATE TABLE public."SchedulerPartition" (
    id text NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "lastHeartbeat" timestamp(3) without time zone,
    name text
);

CREATE TABLE public."SecurityCheckIdent" (
    id uuid NOT NULL
);

CREATE TABLE public."SemaphoreQueueItem" (
    "stepRunId" uuid NOT NULL,
    "workerId" uuid NOT NULL,
    "tenantId" uuid NOT NULL
);

CREATE TABLE public."Service" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    name text NOT NULL,
    description text,
    "tenantId" uuid NOT NULL
);

CREATE TABLE public."SlackAppWebhook" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "teamId" text NOT NULL,
    "teamName" text NOT NULL,
    "channelId" text NOT NULL,
    "channelName" text NOT NULL,
    "webhookURL" bytea NOT NULL
);

CREATE TABLE public."Step" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "readableId" text,
    "tenantId" uuid NOT NULL,
    "jobId" uuid NOT NULL,
    "actionId" text NOT NULL,
    timeout text,
    "customUserData" jsonb,
    retries integer DEFAULT 0 NOT NULL,
    "retryBackoffFactor" double precision,
    "retryMaxBackoff" integer,
    "scheduleTimeout" text DEFAULT '5m'::text NOT NULL,
    "isDurable" boolean DEFAULT false NOT NULL,
    "isDagOrchestrator" boolean DEFAULT false NOT NULL
);

CREATE TABLE public."StepDesiredWorkerLabel" (
    id bigint NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "stepId" uuid NOT NULL,
    key text NOT NULL,
    "strValue" text,
    "intValue" integer,
    required boolean NOT NULL,
    comparator public."WorkerLabelComparator" NOT NULL,
    weight integer NOT NULL
);

CREATE TABLE public."StepExpression" (
    key text NOT NULL,
    "stepId" uuid NOT NULL,
    expression text NOT NULL,
    kind public."StepExpressionKind" NOT NULL
);

CREATE TABLE public."StepRateLimit" (
    units integer NOT NULL,
    "stepId" uuid NOT NULL,
    "rateLimitKey" text NOT NULL,
    "tenantId" uuid NOT NULL,
    kind public."StepRateLimitKind" DEFAULT 'STATIC'::public."StepRateLimitKind" NOT NULL
);

CREATE TABLE public."StepRun" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "jobRunId" uuid NOT NULL,
    "stepId" uuid NOT NULL,
    "order" bigint NOT NULL,
    "workerId" uuid,
    "tickerId" uuid,
    status public."StepRunStatus" DEFAULT 'PENDING'::public."StepRunStatus" NOT NULL,
    input jsonb,
    output jsonb,
    "requeueAfter" timestamp(3) without time zone,
    "scheduleTimeoutAt" timestamp(3) without time zone,
    error text,
    "startedAt" timestamp(3) without time zone,
    "finishedAt" timestamp(3) without time zone,
    "timeoutAt" timestamp(3) without time zone,
    "cancelledAt" timestamp(3) without time zone,
    "cancelledReason" text,
    "cancelledError" text,
    "inputSchema" jsonb,
    "callerFiles" jsonb,
    "gitRepoBranch" text,
    "retryCount" integer DEFAULT 0 NOT NULL,
    "semaphoreReleased" boolean DEFAULT false NOT NULL,
    queue text DEFAULT 'default'::text NOT NULL,
    priority integer,
    "internalRetryCount" integer DEFAULT 0 NOT NULL
);

CREATE TABLE public."StepRunEvent" (
    id bigint NOT NULL,
    "timeFirstSeen" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "timeLastSeen" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "stepRunId" uuid,
    reason public."StepRunEventReason" NOT NULL,
    severity public."StepRunEventSeverity" NOT NULL,
    message text NOT NULL,
    count integer NOT NULL,
    data jsonb,
    "workflowRunId" uuid
);

CREATE TABLE public."StepRunExpressionEval" (
    key text NOT NULL,
    "stepRunId" uuid NOT NULL,
    "valueStr" text,
    "valueInt" integer,
    kind public."StepExpressionKind" NOT NULL
);

CREATE TABLE public."StepRunResultArchive" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "stepRunId" uuid NOT NULL,
    "order" bigint NOT NULL,
    input jsonb,
    output jsonb,
    error text,
    "startedAt" timestamp(3) without time zone,
    "finishedAt" timestamp(3) without time zone,
    "timeoutAt" timestamp(3) without time zone,
    "cancelledAt" timestamp(3) without time zone,
    "cancelledReason" text,
    "cancelledError" text,
    "retryCount" integer DEFAULT 0 NOT NULL
);

CREATE TABLE public."StreamEvent" (
    id bigint NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "stepRunId" uuid,
    message bytea NOT NULL,
    metadata jsonb
);

CREATE TABLE public."Tenant" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    version public."TenantMajorEngineVersion" DEFAULT 'V1'::public."TenantMajorEngineVersion" NOT NULL,
    "uiVersion" public."TenantMajorUIVersion" DEFAULT 'V0'::public."TenantMajorUIVersion" NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    "analyticsOptOut" boolean DEFAULT false NOT NULL,
    "alertMemberEmails" boolean DEFAULT true NOT NULL,
    "controllerPartitionId" text,
    "workerPartitionId" text,
    "dataRetentionPeriod" text DEFAULT '720h'::text NOT NULL,
    "schedulerPartitionId" text,
    "canUpgradeV1" boolean DEFAULT true NOT NULL,
    "onboardingData" jsonb,
    environment public."TenantEnvironment"
);

CREATE TABLE public."TenantAlertEmailGroup" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    emails text NOT NULL
);

CREATE TABLE public."TenantAlertingSettings" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "maxFrequency" text DEFAULT '1h'::text NOT NULL,
    "lastAlertedAt" timestamp(3) without time zone,
    "tickerId" uuid,
    "enableExpiringTokenAlerts" boolean DEFAULT true NOT NULL,
    "enableWorkflowRunFailureAlerts" boolean DEFAULT false NOT NULL,
    "enableTenantResourceLimitAlerts" boolean DEFAULT true NOT NULL
);

CREATE TABLE public."TenantInviteLink" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "inviterEmail" text NOT NULL,
    "inviteeEmail" text NOT NULL,
    expires timestamp(3) without time zone NOT NULL,
    status public."InviteLinkStatus" DEFAULT 'PENDING'::public."InviteLinkStatus" NOT NULL,
    role public."TenantMemberRole" DEFAULT 'OWNER'::public."TenantMemberRole" NOT NULL,
    "canViewPayloads" boolean DEFAULT true NOT NULL
);

CREATE TABLE public."TenantMember" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "userId" uuid NOT NULL,
    role public."TenantMemberRole" NOT NULL,
    "canViewPayloads" boolean DEFAULT true NOT NULL
);

CREATE TABLE public."TenantResourceLimit" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    resource public."LimitResource" NOT NULL,
    "tenantId" uuid NOT NULL,
    "limitValue" integer NOT NULL,
    "alarmValue" integer,
    value integer DEFAULT 0 NOT NULL,
    "window" text,
    "lastRefill" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "customValueMeter" boolean DEFAULT false NOT NULL
);

CREATE TABLE public."TenantResourceLimitAlert" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "resourceLimitId" uuid NOT NULL,
    "tenantId" uuid NOT NULL,
    resource public."LimitResource" NOT NULL,
    "alertType" public."TenantResourceLimitAlertType" NOT NULL,
    value integer NOT NULL,
    "limit" integer NOT NULL
);

CREATE TABLE public."TenantVcsProvider" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "vcsProvider" public."VcsProvider" NOT NULL,
    config jsonb
);

CREATE TABLE public."TenantWorkerPartition" (
    id text NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "lastHeartbeat" timestamp(3) without time zone,
    name text
);

CREATE TABLE public."Ticker" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "lastHeartbeatAt" timestamp(3) without time zone,
    "isActive" boolean DEFAULT true NOT NULL
);

CREATE TABLE public."TimeoutQueueItem" (
    id bigint NOT NULL,
    "stepRunId" uuid NOT NULL,
    "retryCount" integer NOT NULL,
    "timeoutAt" timestamp(3) without time zone NOT NULL,
    "tenantId" uuid NOT NULL,
    "isQueued" boolean NOT NULL
);

CREATE TABLE public."User" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    email text NOT NULL,
    "emailVerified" boolean DEFAULT false NOT NULL,
    name text
);

CREATE TABLE public."UserOAuth" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "userId" uuid NOT NULL,
    provider text NOT NULL,
    "providerUserId" text NOT NULL,
    "expiresAt" timestamp(3) without time zone,
    "accessToken" bytea NOT NULL,
    "refreshToken" bytea
);

CREATE TABLE public."UserPassword" (
    hash text NOT NULL,
    "userId" uuid NOT NULL
);

CREATE TABLE public."UserSession" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "userId" uuid,
    data jsonb,
    "expiresAt" timestamp(3) without time zone NOT NULL
);

CREATE TABLE public."WebhookWorker" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    name text NOT NULL,
    secret text NOT NULL,
    url text NOT NULL,
    "tokenValue" text,
    deleted boolean DEFAULT false NOT NULL,
    "tokenId" uuid,
    "tenantId" uuid NOT NULL
);

CREATE TABLE public."WebhookWorkerRequest" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "webhookWorkerId" uuid NOT NULL,
    method public."WebhookWorkerRequestMethod" NOT NULL,
    "statusCode" integer NOT NULL
);

CREATE TABLE public."WebhookWorkerWorkflow" (
    id uuid NOT NULL,
    "webhookWorkerId" uuid NOT NULL,
    "workflowId" uuid NOT NULL
);

CREATE TABLE public."Worker" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "lastHeartbeatAt" timestamp(3) without time zone,
    name text NOT NULL,
    "dispatcherId" uuid,
    "maxRuns" integer DEFAULT 100 NOT NULL,
    "isActive" boolean DEFAULT false NOT NULL,
    "lastListenerEstablished" timestamp(3) without time zone,
    "isPaused" boolean DEFAULT false NOT NULL,
    type public."WorkerType" DEFAULT 'SELFHOSTED'::public."WorkerType" NOT NULL,
    "webhookId" uuid,
    "operatorId" uuid,
    language public."WorkerSDKS",
    "languageVersion" text,
    os text,
    "runtimeExtra" text,
    "sdkVersion" text,
    "durableTaskDispatcherId" uuid,
    "actionHash" bytea
);

CREATE TABLE public."WorkerAssignEvent" (
    id bigint NOT NULL,
    "workerId" uuid,
    "assignedStepRuns" jsonb
);

CREATE TABLE public."WorkerLabel" (
    id bigint NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "workerId" uuid NOT NULL,
    key text NOT NULL,
    "strValue" text,
    "intValue" integer
);

CREATE TABLE public."Workflow" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    name text NOT NULL,
    description text,
    "isPaused" boolean DEFAULT false,
    "pausedWorkflowCronRunQueueBehavior" public."WorkflowPauseQueueBehavior",
    "pausedWorkflowScheduledRunQueueBehavior" public."WorkflowPauseQueueBehavior",
    "pausedWorkflowQueueTTL" interval,
    CONSTRAINT "Workflow_PausedWorkflowCheck" CHECK (((("isPaused" = false) AND ("pausedWorkflowCronRunQueueBehavior" IS NULL) AND ("pausedWorkflowScheduledRunQueueBehavior" IS NULL) AND ("pausedWorkflowQueueTTL" IS NULL)) OR (("isPaused" = true) AND ("pausedWorkflowCronRunQueueBehavior" IS NOT NULL) AND ("pausedWorkflowScheduledRunQueueBehavior" IS NOT NULL) AND ("pausedWorkflowQueueTTL" IS NOT NULL))))
);

CREATE TABLE public."WorkflowConcurrency" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "workflowVersionId" uuid NOT NULL,
    "getConcurrencyGroupId" uuid,
    "maxRuns" integer DEFAULT 1 NOT NULL,
    "limitStrategy" public."ConcurrencyLimitStrategy" DEFAULT 'CANCEL_IN_PROGRESS'::public."ConcurrencyLimitStrategy" NOT NULL,
    "concurrencyGroupExpression" text
);

CREATE TABLE public."WorkflowRun" (
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "workflowVersionId" uuid NOT NULL,
    status public."WorkflowRunStatus" DEFAULT 'PENDING'::public."WorkflowRunStatus" NOT NULL,
    error text,
    "startedAt" timestamp(3) without time zone,
    "finishedAt" timestamp(3) without time zone,
    "concurrencyGroupId" text,
    "displayName" text,
    id uuid NOT NULL,
    "childIndex" integer,
    "childKey" text,
    "parentId" uuid,
    "parentStepRunId" uuid,
    "additionalMetadata" jsonb,
    duration bigint,
    priority integer,
    "insertOrder" integer
);

CREATE TABLE public."WorkflowRunDedupe" (
    id bigint NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "workflowId" uuid NOT NULL,
    "workflowRunId" uuid NOT NULL,
    value text NOT NULL
);

CREATE TABLE public."WorkflowRunStickyState" (
    id bigint NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    "workflowRunId" uuid NOT NULL,
    "desiredWorkerId" uuid,
    strategy public."StickyStrategy" NOT NULL
);

CREATE TABLE public."WorkflowRunTriggeredBy" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "tenantId" uuid NOT NULL,
    "eventId" uuid,
    "cronParentId" uuid,
    "cronSchedule" text,
    "scheduledId" uuid,
    input jsonb,
    "parentId" uuid NOT NULL,
    "cronName" text
);

CREATE TABLE public."WorkflowTag" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "tenantId" uuid NOT NULL,
    name text NOT NULL,
    color text DEFAULT '#93C5FD'::text NOT NULL
);

CREATE TABLE public."WorkflowTriggerCronRef" (
    "parentId" uuid NOT NULL,
    cron text NOT NULL,
    "tickerId" uuid,
    input jsonb,
    enabled boolean DEFAULT true NOT NULL,
    "additionalMetadata" jsonb,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    name text,
    id uuid NOT NULL,
    method public."WorkflowTriggerCronRefMethods" DEFAULT 'DEFAULT'::public."WorkflowTriggerCronRefMethods" NOT NULL,
    priority integer DEFAULT 1 NOT NULL,
    CONSTRAINT "WorkflowTriggerCronRef_priority_check" CHECK (((priority >= 1) AND (priority <= 4)))
);

CREATE TABLE public."WorkflowTriggerEventRef" (
    "parentId" uuid NOT NULL,
    "eventKey" text NOT NULL
);

CREATE TABLE public."WorkflowTriggerScheduledRef" (
    id uuid NOT NULL,
    "parentId" uuid NOT NULL,
    "triggerAt" timestamp(3) without time zone NOT NULL,
    "tickerId" uuid,
    input jsonb,
    "childIndex" integer,
    "childKey" text,
    "parentStepRunId" uuid,
    "parentWorkflowRunId" uuid,
    "additionalMetadata" jsonb,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    method public."WorkflowTriggerScheduledRefMethods" DEFAULT 'DEFAULT'::public."WorkflowTriggerScheduledRefMethods" NOT NULL,
    priority integer DEFAULT 1 NOT NULL,
    CONSTRAINT "WorkflowTriggerScheduledRef_priority_check" CHECK (((priority >= 1) AND (priority <= 4)))
);

CREATE TABLE public."WorkflowTriggers" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    "workflowVersionId" uuid NOT NULL,
    "tenantId" uuid NOT NULL
);

CREATE TABLE public."WorkflowVersion" (
    id uuid NOT NULL,
    "createdAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "updatedAt" timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "deletedAt" timestamp(3) without time zone,
    version text,
    "order" bigint NOT NULL,
    "workflowId" uuid NOT NULL,
    checksum text NOT NULL,
    "scheduleTimeout" text DEFAULT '5m'::text NOT NULL,
    "onFailureJobId" uuid,
    sticky public."StickyStrategy",
    kind public."WorkflowKind" DEFAULT 'DAG'::public."WorkflowKind" NOT NULL,
    "defaultPriority" integer,
    "createWorkflowVersionOpts" jsonb,
    "inputJsonSchema" jsonb,
    "idempotencyKeyExpression" text,
    "idempotencyKeyTtlMs" bigint,
    "idempotencyMethod" public.idempotency_method,
    "isUsingDagOperator" boolean DEFAULT false NOT NULL,
    "dagShape" jsonb
);

CREATE TABLE public."_ActionToWorker" (
    "B" uuid NOT NULL,
    "A" uuid NOT NULL
);

CREATE TABLE public."_ServiceToWorker" (
    "A" uuid NOT NULL,
    "B" uuid NOT NULL
);

CREATE TABLE public."_StepOrder" (
    "A" uuid NOT NULL,
    "B" uuid NOT NULL
);

CREATE TABLE public."_StepRunOrder" (
    "A" uuid NOT NULL,
    "B" uuid NOT NULL
);

CREATE TABLE public."_WorkflowToWorkflowTag" (
    "A" uuid NOT NULL,
    "B" uuid NOT NULL
);

CREATE TABLE public.tenant_entitlement (
    tenant_id uuid NOT NULL,
    audit_logs boolean DEFAULT false NOT NULL,
    prometheus_metrics boolean DEFAULT false NOT NULL,
    strict_additional_metadata_filters boolean DEFAULT false NOT NULL,
    dag_operator boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.v1_batch_runtime (
    tenant_id uuid NOT NULL,
    step_id uuid NOT NULL,
    action_id text NOT NULL,
    batch_key text NOT NULL,
    batch_id uuid NOT NULL,
    started_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.v1_batched_queue_item (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    queue text NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    external_id uuid NOT NULL,
    action_id text NOT NULL,
    step_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    schedule_timeout_at timestamp(3) without time zone,
    step_timeout text,
    priority integer DEFAULT 1 NOT NULL,
    sticky public.v1_sticky_strategy NOT NULL,
    desired_worker_id uuid,
    retry_count integer DEFAULT 0 NOT NULL,
    batch_key text NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    payload_size integer DEFAULT 0 NOT NULL
)
WITH (autovacuum_vacuum_scale_factor='0.1', autovacuum_analyze_scale_factor='0.05', autovacuum_vacuum_threshold='25', autovacuum_analyze_threshold='25', autovacuum_vacuum_cost_delay='10', autovacuum_vacuum_cost_limit='1000');

CREATE TABLE public.v1_cel_evaluation_failures_olap (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    source public.v1_cel_evaluation_failure_source NOT NULL,
    error text NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_concurrency_slot (
    sort_id bigint NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    task_retry_count integer NOT NULL,
    external_id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    strategy_id bigint NOT NULL,
    parent_strategy_id bigint,
    priority integer DEFAULT 1 NOT NULL,
    key text NOT NULL,
    is_filled boolean DEFAULT false NOT NULL,
    next_parent_strategy_ids bigint[],
    next_strategy_ids bigint[],
    next_keys text[],
    queue_to_notify text NOT NULL,
    schedule_timeout_at timestamp(3) without time zone NOT NULL
);

CREATE TABLE public.v1_dag (
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    display_name text NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    parent_task_external_id uuid,
    desired_worker_labels jsonb,
    idempotency_key text
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_dag_data (
    dag_id bigint NOT NULL,
    dag_inserted_at timestamp with time zone NOT NULL,
    input jsonb NOT NULL,
    additional_metadata jsonb
);

CREATE TABLE public.v1_dag_to_task (
    dag_id bigint NOT NULL,
    dag_inserted_at timestamp with time zone NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL
);

CREATE TABLE public.v1_dag_to_task_olap (
    dag_id bigint NOT NULL,
    dag_inserted_at timestamp with time zone NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL
);

CREATE TABLE public.v1_dags_olap (
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    display_name text NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    readable_status public.v1_readable_status_olap DEFAULT 'QUEUED'::public.v1_readable_status_olap NOT NULL,
    input jsonb NOT NULL,
    additional_metadata jsonb,
    parent_task_external_id uuid,
    total_tasks integer DEFAULT 1 NOT NULL,
    idempotency_key text
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_durable_event_log_branch_point (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    durable_task_id bigint NOT NULL,
    durable_task_inserted_at timestamp with time zone NOT NULL,
    first_node_id_in_new_branch bigint NOT NULL,
    parent_branch_id bigint NOT NULL,
    next_branch_id bigint NOT NULL,
    replay_child_external_ids uuid[]
)
PARTITION BY RANGE (durable_task_inserted_at);

CREATE TABLE public.v1_durable_event_log_entry (
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    result_payload_external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    child_task_external_id uuid,
    child_task_is_failure boolean DEFAULT false NOT NULL,
    child_task_error_message text,
    inserted_at timestamp with time zone NOT NULL,
    id bigint NOT NULL,
    durable_task_id bigint NOT NULL,
    durable_task_inserted_at timestamp with time zone NOT NULL,
    kind public.v1_durable_event_log_kind NOT NULL,
    node_id bigint NOT NULL,
    branch_id bigint NOT NULL,
    idempotency_key bytea NOT NULL,
    is_satisfied boolean DEFAULT false NOT NULL,
    satisfied_at timestamp with time zone,
    satisfied_order bigint,
    user_message text,
    wait_data jsonb,
    triggered_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP
)
PARTITION BY RANGE (durable_task_inserted_at);

CREATE TABLE public.v1_durable_event_log_file (
    tenant_id uuid NOT NULL,
    durable_task_id bigint NOT NULL,
    durable_task_inserted_at timestamp with time zone NOT NULL,
    latest_invocation_count integer NOT NULL,
    latest_inserted_at timestamp with time zone NOT NULL,
    latest_node_id bigint NOT NULL,
    latest_branch_id bigint NOT NULL,
    latest_satisfied_order bigint DEFAULT 0 NOT NULL
)
PARTITION BY RANGE (durable_task_inserted_at);

CREATE TABLE public.v1_durable_sleep (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    sleep_until timestamp with time zone NOT NULL,
    sleep_duration text NOT NULL
);

CREATE TABLE public.v1_event (
    id bigint NOT NULL,
    seen_at timestamp with time zone NOT NULL,
    tenant_id uuid NOT NULL,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    key text NOT NULL,
    additional_metadata jsonb,
    scope text,
    triggering_webhook_name text
)
PARTITION BY RANGE (seen_at);

CREATE TABLE public.v1_event_lookup_table_olap (
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    event_id bigint NOT NULL,
    event_seen_at timestamp with time zone NOT NULL
)
PARTITION BY RANGE (event_seen_at);

CREATE TABLE public.v1_event_to_run_olap (
    run_id bigint NOT NULL,
    run_inserted_at timestamp with time zone NOT NULL,
    event_id bigint NOT NULL,
    event_seen_at timestamp with time zone NOT NULL,
    filter_id uuid
)
PARTITION BY RANGE (event_seen_at);

CREATE TABLE public.v1_events_olap (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    seen_at timestamp with time zone NOT NULL,
    key text NOT NULL,
    payload jsonb NOT NULL,
    additional_metadata jsonb,
    scope text,
    triggering_webhook_name text
)
PARTITION BY RANGE (seen_at);

CREATE TABLE public.v1_filter (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    scope text NOT NULL,
    expression text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    payload_hash text GENERATED ALWAYS AS (md5((payload)::text)) STORED,
    is_declarative boolean DEFAULT false NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.v1_idempotency_key (
    tenant_id uuid NOT NULL,
    key text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    claimed_by_external_id uuid,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.v1_incoming_webhook (
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    source_name public.v1_incoming_webhook_source_name NOT NULL,
    event_key_expression text NOT NULL,
    scope_expression text,
    static_payload jsonb,
    return_event_as_response_payload boolean DEFAULT true NOT NULL,
    auth_method public.v1_incoming_webhook_auth_type NOT NULL,
    auth__basic__username text,
    auth__basic__password bytea,
    auth__api_key__header_name text,
    auth__api_key__key bytea,
    auth__hmac__algorithm public.v1_incoming_webhook_hmac_algorithm,
    auth__hmac__encoding public.v1_incoming_webhook_hmac_encoding,
    auth__hmac__signature_header_name text,
    auth__hmac__webhook_signing_secret bytea,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT v1_incoming_webhook_check CHECK ((((auth_method = 'BASIC'::public.v1_incoming_webhook_auth_type) AND ((auth__basic__username IS NOT NULL) AND (auth__basic__password IS NOT NULL))) OR ((auth_method = 'API_KEY'::public.v1_incoming_webhook_auth_type) AND ((auth__api_key__header_name IS NOT NULL) AND (auth__api_key__key IS NOT NULL))) OR ((auth_method = 'HMAC'::public.v1_incoming_webhook_auth_type) AND ((auth__hmac__algorithm IS NOT NULL) AND (auth__hmac__encoding IS NOT NULL) AND (auth__hmac__signature_header_name IS NOT NULL) AND (auth__hmac__webhook_signing_secret IS NOT NULL))))),
    CONSTRAINT v1_incoming_webhook_event_key_expression_check CHECK ((length(event_key_expression) > 0)),
    CONSTRAINT v1_incoming_webhook_name_check CHECK ((length(name) > 0)),
    CONSTRAINT v1_incoming_webhook_scope_expression_check CHECK (((scope_expression IS NULL) OR (length(scope_expression) > 0)))
);

CREATE TABLE public.v1_incoming_webhook_validation_failures_olap (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    incoming_webhook_name text NOT NULL,
    error text NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_log_line (
    id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    tenant_id uuid NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    message text NOT NULL,
    level public.v1_log_line_level DEFAULT 'INFO'::public.v1_log_line_level NOT NULL,
    metadata jsonb,
    retry_count integer DEFAULT 0 NOT NULL,
    workflow_id uuid,
    step_id uuid
)
PARTITION BY RANGE (task_inserted_at);

CREATE TABLE public.v1_lookup_table (
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    task_id bigint,
    dag_id bigint,
    inserted_at timestamp with time zone NOT NULL
);

CREATE TABLE public.v1_lookup_table_olap (
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    task_id bigint,
    dag_id bigint,
    inserted_at timestamp with time zone NOT NULL
);

CREATE TABLE public.v1_match (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    kind public.v1_match_kind NOT NULL,
    is_satisfied boolean DEFAULT false NOT NULL,
    existing_data jsonb,
    signal_task_id bigint,
    signal_task_inserted_at timestamp with time zone,
    signal_task_external_id uuid,
    signal_external_id uuid,
    signal_key text,
    trigger_dag_id bigint,
    trigger_dag_inserted_at timestamp with time zone,
    trigger_step_id uuid,
    trigger_step_index bigint,
    trigger_external_id uuid,
    trigger_workflow_run_id uuid,
    trigger_parent_task_external_id uuid,
    trigger_parent_task_id bigint,
    trigger_parent_task_inserted_at timestamp with time zone,
    trigger_child_index bigint,
    trigger_child_key text,
    trigger_existing_task_id bigint,
    trigger_existing_task_inserted_at timestamp with time zone,
    trigger_priority integer,
    trigger_event_external_id uuid,
    trigger_event_key text,
    trigger_desired_worker_labels jsonb,
    durable_event_log_entry_node_id bigint,
    durable_event_log_entry_branch_id bigint
);

CREATE TABLE public.v1_match_condition (
    v1_match_id bigint NOT NULL,
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    registered_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    event_type public.v1_event_type NOT NULL,
    event_key text NOT NULL,
    event_resource_hint text,
    readable_data_key text NOT NULL,
    is_satisfied boolean DEFAULT false NOT NULL,
    action public.v1_match_condition_action DEFAULT 'QUEUE'::public.v1_match_condition_action NOT NULL,
    or_group_id uuid NOT NULL,
    expression text,
    data jsonb
);

CREATE TABLE public.v1_operation_interval_settings (
    tenant_id uuid NOT NULL,
    operation_id text NOT NULL,
    interval_nanoseconds bigint NOT NULL
);

CREATE TABLE public.v1_operator (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    kind public.v1_operator_kind NOT NULL,
    config jsonb NOT NULL,
    worker_id uuid,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.v1_otel_trace_lookup_olap (
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    retry_count integer NOT NULL,
    trace_id bytea NOT NULL,
    start_time timestamp with time zone NOT NULL
)
PARTITION BY RANGE (start_time);

CREATE TABLE public.v1_otel_trace_olap (
    tenant_id uuid NOT NULL,
    trace_id bytea NOT NULL,
    span_id bytea NOT NULL,
    parent_span_id text,
    span_name text NOT NULL,
    span_kind public.v1_otel_span_kind DEFAULT 'UNSPECIFIED'::public.v1_otel_span_kind NOT NULL,
    service_name text DEFAULT 'unknown'::text NOT NULL,
    status_code public.v1_otel_status_code DEFAULT 'UNSET'::public.v1_otel_status_code NOT NULL,
    status_message text,
    duration_ns bigint DEFAULT 0 NOT NULL,
    resource_attributes jsonb,
    span_attributes jsonb,
    scope_name text,
    scope_version text,
    task_run_external_id uuid,
    workflow_run_external_id uuid,
    retry_count integer DEFAULT 0 NOT NULL,
    start_time timestamp with time zone NOT NULL
)
PARTITION BY RANGE (start_time);

CREATE TABLE public.v1_paused_workflow_queue_item (
    tenant_id uuid NOT NULL,
    queue text NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    external_id uuid NOT NULL,
    action_id text NOT NULL,
    step_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    schedule_timeout_at timestamp(3) without time zone,
    step_timeout text,
    priority integer DEFAULT 1 NOT NULL,
    sticky public.v1_sticky_strategy NOT NULL,
    desired_worker_id uuid,
    retry_count integer DEFAULT 0 NOT NULL,
    desired_worker_label jsonb,
    batch_key text
)
WITH (autovacuum_vacuum_scale_factor='0.1', autovacuum_analyze_scale_factor='0.05', autovacuum_vacuum_threshold='25', autovacuum_analyze_threshold='25', autovacuum_vacuum_cost_delay='10', autovacuum_vacuum_cost_limit='1000');

CREATE TABLE public.v1_payload (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    type public.v1_payload_type NOT NULL,
    location public.v1_payload_location NOT NULL,
    external_location_key text,
    inline_content jsonb,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT v1_payload_check CHECK (((location = 'INLINE'::public.v1_payload_location) OR ((location = 'EXTERNAL'::public.v1_payload_location) AND (inline_content IS NULL) AND (external_location_key IS NOT NULL))))
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_payload_cutover_job_offset (
    key date NOT NULL,
    is_completed boolean DEFAULT false NOT NULL,
    lease_process_id uuid DEFAULT gen_random_uuid() NOT NULL,
    lease_expires_at timestamp with time zone DEFAULT now() NOT NULL,
    last_external_id uuid DEFAULT '00000000-0000-0000-0000-000000000000'::uuid NOT NULL
);

CREATE TABLE public.v1_payload_offloaded_block_index (
    payload_inserted_at_date date NOT NULL,
    block_external_id_range public.uuidrange NOT NULL,
    index_file_key text NOT NULL
);

CREATE TABLE public.v1_payloads_olap (
    tenant_id uuid NOT NULL,
    external_id uuid NOT NULL,
    location public.v1_payload_location_olap NOT NULL,
    external_location_key text,
    inline_content jsonb,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT v1_payloads_olap_check CHECK (((location = 'INLINE'::public.v1_payload_location_olap) OR ((location = 'EXTERNAL'::public.v1_payload_location_olap) AND (inline_content IS NULL) AND (external_location_key IS NOT NULL))))
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_payloads_olap_cutover_job_offset (
    key date NOT NULL,
    is_completed boolean DEFAULT false NOT NULL,
    lease_process_id uuid DEFAULT gen_random_uuid() NOT NULL,
    lease_expires_at timestamp with time zone DEFAULT now() NOT NULL,
    last_external_id uuid DEFAULT '00000000-0000-0000-0000-000000000000'::uuid NOT NULL
);

CREATE TABLE public.v1_payloads_olap_offloaded_block_index (
    payload_inserted_at_date date NOT NULL,
    block_external_id_range public.uuidrange NOT NULL,
    index_file_key text NOT NULL
);

CREATE TABLE public.v1_queue (
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    last_active timestamp(3) without time zone
);

CREATE TABLE public.v1_queue_item (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    queue text NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    external_id uuid NOT NULL,
    action_id text NOT NULL,
    step_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    schedule_timeout_at timestamp(3) without time zone,
    step_timeout text,
    priority integer DEFAULT 1 NOT NULL,
    sticky public.v1_sticky_strategy NOT NULL,
    desired_worker_id uuid,
    retry_count integer DEFAULT 0 NOT NULL,
    desired_worker_label jsonb,
    batch_key text
)
WITH (autovacuum_vacuum_scale_factor='0.1', autovacuum_analyze_scale_factor='0.05', autovacuum_vacuum_threshold='25', autovacuum_analyze_threshold='25', autovacuum_vacuum_cost_delay='10', autovacuum_vacuum_cost_limit='1000');

CREATE TABLE public.v1_rate_limited_queue_items (
    requeue_after timestamp with time zone NOT NULL,
    tenant_id uuid NOT NULL,
    queue text NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    external_id uuid NOT NULL,
    action_id text NOT NULL,
    step_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    schedule_timeout_at timestamp(3) without time zone,
    step_timeout text,
    priority integer DEFAULT 1 NOT NULL,
    sticky public.v1_sticky_strategy NOT NULL,
    desired_worker_id uuid,
    retry_count integer DEFAULT 0 NOT NULL,
    desired_worker_label jsonb,
    batch_key text
)
WITH (autovacuum_vacuum_scale_factor='0.1', autovacuum_analyze_scale_factor='0.05', autovacuum_vacuum_threshold='25', autovacuum_analyze_threshold='25', autovacuum_vacuum_cost_delay='10', autovacuum_vacuum_cost_limit='1000');

CREATE TABLE public.v1_retry_queue_item (
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    task_retry_count integer NOT NULL,
    retry_after timestamp with time zone NOT NULL,
    tenant_id uuid NOT NULL
);

CREATE TABLE public.v1_runs_olap (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    readable_status public.v1_readable_status_olap DEFAULT 'QUEUED'::public.v1_readable_status_olap NOT NULL,
    kind public.v1_run_kind NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    additional_metadata jsonb,
    parent_task_external_id uuid,
    idempotency_key text
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_statuses_olap (
    external_id uuid NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    tenant_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    kind public.v1_run_kind NOT NULL,
    readable_status public.v1_readable_status_olap DEFAULT 'QUEUED'::public.v1_readable_status_olap NOT NULL
);

CREATE TABLE public.v1_step_batch_config (
    step_id uuid NOT NULL,
    batch_max_size integer NOT NULL,
    batch_max_interval integer,
    batch_group_key text,
    batch_group_max_runs integer,
    broadcast_output boolean DEFAULT false NOT NULL
);

CREATE TABLE public.v1_step_concurrency (
    id bigint NOT NULL,
    parent_strategy_id bigint,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    step_id uuid NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    last_active_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    strategy public.v1_concurrency_strategy NOT NULL,
    expression text NOT NULL,
    tenant_id uuid NOT NULL,
    max_concurrency integer NOT NULL
);

CREATE TABLE public.v1_step_match_condition (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    step_id uuid NOT NULL,
    readable_data_key text NOT NULL,
    action public.v1_match_condition_action DEFAULT 'CREATE'::public.v1_match_condition_action NOT NULL,
    or_group_id uuid NOT NULL,
    expression text,
    kind public.v1_step_match_condition_kind NOT NULL,
    sleep_duration text,
    event_key text,
    parent_readable_id text
);

CREATE TABLE public.v1_step_slot_request (
    tenant_id uuid NOT NULL,
    step_id uuid NOT NULL,
    slot_type text NOT NULL,
    units integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.v1_task (
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    tenant_id uuid NOT NULL,
    queue text NOT NULL,
    action_id text NOT NULL,
    step_id uuid NOT NULL,
    step_readable_id text NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    schedule_timeout text NOT NULL,
    step_timeout text,
    priority integer DEFAULT 1,
    sticky public.v1_sticky_strategy NOT NULL,
    desired_worker_id uuid,
    external_id uuid NOT NULL,
    display_name text NOT NULL,
    input jsonb NOT NULL,
    retry_count integer DEFAULT 0 NOT NULL,
    internal_retry_count integer DEFAULT 0 NOT NULL,
    app_retry_count integer DEFAULT 0 NOT NULL,
    step_index bigint NOT NULL,
    additional_metadata jsonb,
    dag_id bigint,
    dag_inserted_at timestamp with time zone,
    parent_task_external_id uuid,
    parent_task_id bigint,
    parent_task_inserted_at timestamp with time zone,
    child_index bigint,
    child_key text,
    initial_state public.v1_task_initial_state DEFAULT 'QUEUED'::public.v1_task_initial_state NOT NULL,
    initial_state_reason text,
    concurrency_parent_strategy_ids bigint[],
    concurrency_strategy_ids bigint[],
    concurrency_keys text[],
    batch_key text,
    retry_backoff_factor double precision,
    retry_max_backoff integer,
    is_durable boolean,
    desired_worker_label jsonb,
    triggering_event_external_id uuid,
    triggering_event_key text,
    idempotency_key text,
    is_dag_orchestrator boolean DEFAULT false NOT NULL
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_task_event (
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    tenant_id uuid NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    retry_count integer NOT NULL,
    event_type public.v1_task_event_type NOT NULL,
    event_key text,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    data jsonb,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    child_external_id uuid
)
PARTITION BY RANGE (task_inserted_at);

CREATE TABLE public.v1_task_events_olap (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    event_type public.v1_event_type_olap NOT NULL,
    workflow_id uuid NOT NULL,
    event_timestamp timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    readable_status public.v1_readable_status_olap NOT NULL,
    retry_count integer DEFAULT 0 NOT NULL,
    error_message text,
    output jsonb,
    worker_id uuid,
    additional__event_data text,
    additional__event_message text,
    durable_invocation_count integer DEFAULT 0 NOT NULL
);

CREATE TABLE public.v1_task_expression_eval (
    key text NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    value_str text,
    value_int integer,
    kind public."StepExpressionKind" NOT NULL
);

CREATE TABLE public.v1_task_runtime (
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    retry_count integer NOT NULL,
    worker_id uuid,
    batch_id uuid,
    batch_size integer,
    batch_index integer,
    batch_key text,
    tenant_id uuid NOT NULL,
    timeout_at timestamp(3) without time zone NOT NULL,
    evicted_at timestamp with time zone
)
WITH (autovacuum_vacuum_scale_factor='0.1', autovacuum_analyze_scale_factor='0.05', autovacuum_vacuum_threshold='25', autovacuum_analyze_threshold='25', autovacuum_vacuum_cost_delay='10', autovacuum_vacuum_cost_limit='1000');

CREATE TABLE public.v1_task_runtime_slot (
    tenant_id uuid NOT NULL,
    task_id bigint NOT NULL,
    task_inserted_at timestamp with time zone NOT NULL,
    retry_count integer NOT NULL,
    worker_id uuid NOT NULL,
    slot_type text NOT NULL,
    units integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.v1_tasks_olap (
    tenant_id uuid NOT NULL,
    id bigint NOT NULL,
    inserted_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    external_id uuid DEFAULT gen_random_uuid() NOT NULL,
    queue text NOT NULL,
    action_id text NOT NULL,
    step_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    schedule_timeout text NOT NULL,
    step_timeout text,
    priority integer DEFAULT 1,
    sticky public.v1_sticky_strategy_olap NOT NULL,
    desired_worker_id uuid,
    display_name text NOT NULL,
    input jsonb NOT NULL,
    additional_metadata jsonb,
    readable_status public.v1_readable_status_olap DEFAULT 'QUEUED'::public.v1_readable_status_olap NOT NULL,
    latest_retry_count integer DEFAULT 0 NOT NULL,
    latest_worker_id uuid,
    dag_id bigint,
    dag_inserted_at timestamp with time zone,
    parent_task_external_id uuid,
    is_durable boolean DEFAULT false NOT NULL,
    idempotency_key text
)
PARTITION BY RANGE (inserted_at);

CREATE TABLE public.v1_worker_slot_config (
    tenant_id uuid NOT NULL,
    worker_id uuid NOT NULL,
    slot_type text NOT NULL,
    max_units integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.v1_workflow_concurrency (
    id bigint NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    strategy public.v1_concurrency_strategy NOT NULL,
    child_strategy_ids bigint[],
    expression text NOT NULL,
    tenant_id uuid NOT NULL,
    max_concurrency integer NOT NULL
);

CREATE TABLE public.v1_workflow_concurrency_slot (
    sort_id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    workflow_id uuid NOT NULL,
    workflow_version_id uuid NOT NULL,
    workflow_run_id uuid NOT NULL,
    strategy_id bigint NOT NULL,
    completed_child_strategy_ids bigint[],
    child_strategy_ids bigint[],
    priority integer DEFAULT 1 NOT NULL,
    key text NOT NULL,
    is_filled boolean DEFAULT false NOT NULL
);

ALTER TABLE ONLY public."APIToken"
    ADD CONSTRAINT "APIToken_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Action"
    ADD CONSTRAINT "Action_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."ControllerPartition"
    ADD CONSTRAINT "ControllerPartition_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Dispatcher"
    ADD CONSTRAINT "Dispatcher_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."EventKey"
    ADD CONSTRAINT "EventKey_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Event"
    ADD CONSTRAINT "Event_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."GetGroupKeyRun"
    ADD CONSTRAINT "GetGroupKeyRun_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."InternalQueueItem"
    ADD CONSTRAINT "InternalQueueItem_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."JobRunLookupData"
    ADD CONSTRAINT "JobRunLookupData_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."JobRun"
    ADD CONSTRAINT "JobRun_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Job"
    ADD CONSTRAINT "Job_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Lease"
    ADD CONSTRAINT "Lease_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."LogLine"
    ADD CONSTRAINT "LogLine_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."MessageQueueItem"
    ADD CONSTRAINT "MessageQueueItem_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."MessageQueue"
    ADD CONSTRAINT "MessageQueue_pkey" PRIMARY KEY (name);

ALTER TABLE ONLY public."QueueItem"
    ADD CONSTRAINT "QueueItem_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Queue"
    ADD CONSTRAINT "Queue_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."RetryQueueItem"
    ADD CONSTRAINT "RetryQueueItem_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."SNSIntegration"
    ADD CONSTRAINT "SNSIntegration_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."SchedulerPartition"
    ADD CONSTRAINT "SchedulerPartition_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."SecurityCheckIdent"
    ADD CONSTRAINT "SecurityCheckIdent_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."SemaphoreQueueItem"
    ADD CONSTRAINT "SemaphoreQueueItem_pkey" PRIMARY KEY ("stepRunId");

ALTER TABLE ONLY public."Service"
    ADD CONSTRAINT "Service_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."SlackAppWebhook"
    ADD CONSTRAINT "SlackAppWebhook_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."StepDesiredWorkerLabel"
    ADD CONSTRAINT "StepDesiredWorkerLabel_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."StepExpression"
    ADD CONSTRAINT "StepExpression_pkey" PRIMARY KEY (key, "stepId", kind);

ALTER TABLE ONLY public."StepRunExpressionEval"
    ADD CONSTRAINT "StepRunExpressionEval_pkey" PRIMARY KEY (key, "stepRunId", kind);

ALTER TABLE ONLY public."StepRunResultArchive"
    ADD CONSTRAINT "StepRunResultArchive_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."StepRun"
    ADD CONSTRAINT "StepRun_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Step"
    ADD CONSTRAINT "Step_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."StreamEvent"
    ADD CONSTRAINT "StreamEvent_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantAlertEmailGroup"
    ADD CONSTRAINT "TenantAlertEmailGroup_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantAlertingSettings"
    ADD CONSTRAINT "TenantAlertingSettings_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantInviteLink"
    ADD CONSTRAINT "TenantInviteLink_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantMember"
    ADD CONSTRAINT "TenantMember_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantResourceLimitAlert"
    ADD CONSTRAINT "TenantResourceLimitAlert_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantResourceLimit"
    ADD CONSTRAINT "TenantResourceLimit_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantVcsProvider"
    ADD CONSTRAINT "TenantVcsProvider_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TenantWorkerPartition"
    ADD CONSTRAINT "TenantWorkerPartition_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Tenant"
    ADD CONSTRAINT "Tenant_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Ticker"
    ADD CONSTRAINT "Ticker_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."TimeoutQueueItem"
    ADD CONSTRAINT "TimeoutQueueItem_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."UserOAuth"
    ADD CONSTRAINT "UserOAuth_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."UserSession"
    ADD CONSTRAINT "UserSession_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."User"
    ADD CONSTRAINT "User_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WebhookWorkerRequest"
    ADD CONSTRAINT "WebhookWorkerRequest_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WebhookWorkerWorkflow"
    ADD CONSTRAINT "WebhookWorkerWorkflow_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WebhookWorker"
    ADD CONSTRAINT "WebhookWorker_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkerAssignEvent"
    ADD CONSTRAINT "WorkerAssignEvent_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkerLabel"
    ADD CONSTRAINT "WorkerLabel_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Worker"
    ADD CONSTRAINT "Worker_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowConcurrency"
    ADD CONSTRAINT "WorkflowConcurrency_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowRunStickyState"
    ADD CONSTRAINT "WorkflowRunStickyState_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowRunTriggeredBy"
    ADD CONSTRAINT "WorkflowRunTriggeredBy_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowRun"
    ADD CONSTRAINT "WorkflowRun_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowTag"
    ADD CONSTRAINT "WorkflowTag_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowTriggerCronRef"
    ADD CONSTRAINT "WorkflowTriggerCronRef_parentId_cron_name_key" UNIQUE ("parentId", cron, name);

ALTER TABLE ONLY public."WorkflowTriggerCronRef"
    ADD CONSTRAINT "WorkflowTriggerCronRef_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowTriggerScheduledRef"
    ADD CONSTRAINT "WorkflowTriggerScheduledRef_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowTriggers"
    ADD CONSTRAINT "WorkflowTriggers_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."WorkflowVersion"
    ADD CONSTRAINT "WorkflowVersion_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Workflow"
    ADD CONSTRAINT "Workflow_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public.tenant_entitlement
    ADD CONSTRAINT tenant_entitlement_pkey PRIMARY KEY (tenant_id);

ALTER TABLE ONLY public.v1_batch_runtime
    ADD CONSTRAINT v1_batch_runtime_pkey PRIMARY KEY (tenant_id, batch_id);

ALTER TABLE ONLY public.v1_batched_queue_item
    ADD CONSTRAINT v1_batched_queue_item_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.v1_batched_queue_item
    ADD CONSTRAINT v1_batched_queue_item_task_key UNIQUE (task_id, task_inserted_at, retry_count);

ALTER TABLE ONLY public.v1_cel_evaluation_failures_olap
    ADD CONSTRAINT v1_cel_evaluation_failures_olap_pkey PRIMARY KEY (inserted_at, id);

ALTER TABLE ONLY public.v1_concurrency_slot
    ADD CONSTRAINT v1_concurrency_slot_pkey PRIMARY KEY (task_id, task_inserted_at, task_retry_count, strategy_id);

ALTER TABLE ONLY public.v1_dag_data
    ADD CONSTRAINT v1_dag_input_pkey PRIMARY KEY (dag_id, dag_inserted_at);

ALTER TABLE ONLY public.v1_dag
    ADD CONSTRAINT v1_dag_pkey PRIMARY KEY (id, inserted_at);

ALTER TABLE ONLY public.v1_dag_to_task_olap
    ADD CONSTRAINT v1_dag_to_task_olap_pkey PRIMARY KEY (dag_id, dag_inserted_at, task_id, task_inserted_at);

ALTER TABLE ONLY public.v1_dag_to_task
    ADD CONSTRAINT v1_dag_to_task_pkey PRIMARY KEY (dag_id, dag_inserted_at, task_id, task_inserted_at);

ALTER TABLE ONLY public.v1_dags_olap
    ADD CONSTRAINT v1_dags_olap_pkey PRIMARY KEY (inserted_at, id);

ALTER TABLE ONLY public.v1_durable_event_log_branch_point
    ADD CONSTRAINT v1_durable_event_log_branch_point_pkey PRIMARY KEY (durable_task_id, durable_task_inserted_at, parent_branch_id, first_node_id_in_new_branch, next_branch_id);

ALTER TABLE ONLY public.v1_durable_event_log_entry
    ADD CONSTRAINT v1_durable_event_log_entry_pkey PRIMARY KEY (durable_task_id, durable_task_inserted_at, branch_id, node_id);

ALTER TABLE ONLY public.v1_durable_event_log_file
    ADD CONSTRAINT v1_durable_event_log_file_pkey PRIMARY KEY (durable_task_id, durable_task_inserted_at);

ALTER TABLE ONLY public.v1_durable_sleep
    ADD CONSTRAINT v1_durable_sleep_pkey PRIMARY KEY (tenant_id, sleep_until, id);

ALTER TABLE ONLY public.v1_event_lookup_table_olap
    ADD CONSTRAINT v1_event_lookup_table_olap_pkey PRIMARY KEY (tenant_id, external_id, event_seen_at);

ALTER TABLE ONLY public.v1_event
    ADD CONSTRAINT v1_event_pkey PRIMARY KEY (tenant_id, seen_at, id);

ALTER TABLE ONLY public.v1_event_to_run_olap
    ADD CONSTRAINT v1_event_to_run_olap_pkey PRIMARY KEY (event_id, event_seen_at, run_id, run_inserted_at);

ALTER TABLE ONLY public.v1_events_olap
    ADD CONSTRAINT v1_events_olap_pkey PRIMARY KEY (tenant_id, seen_at, id);

ALTER TABLE ONLY public.v1_filter
    ADD CONSTRAINT v1_filter_pkey PRIMARY KEY (tenant_id, id);

ALTER TABLE ONLY public.v1_idempotency_key
    ADD CONSTRAINT v1_idempotency_key_pkey PRIMARY KEY (tenant_id, key);

ALTER TABLE ONLY public.v1_incoming_webhook
    ADD CONSTRAINT v1_incoming_webhook_pkey PRIMARY KEY (tenant_id, name);

ALTER TABLE ONLY public.v1_incoming_webhook_validation_failures_olap
    ADD CONSTRAINT v1_incoming_webhook_validation_failures_olap_pkey PRIMARY KEY (inserted_at, id);

ALTER TABLE ONLY public.v1_log_line
    ADD CONSTRAINT v1_log_line_pkey PRIMARY KEY (task_id, task_inserted_at, id);

ALTER TABLE ONLY public.v1_lookup_table_olap
    ADD CONSTRAINT v1_lookup_table_olap_pkey PRIMARY KEY (external_id);

ALTER TABLE ONLY public.v1_lookup_table
    ADD CONSTRAINT v1_lookup_table_pkey PRIMARY KEY (external_id);

ALTER TABLE ONLY public.v1_match_condition
    ADD CONSTRAINT v1_match_condition_pkey PRIMARY KEY (v1_match_id, id);

ALTER TABLE ONLY public.v1_match
    ADD CONSTRAINT v1_match_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.v1_operation_interval_settings
    ADD CONSTRAINT v1_operation_interval_settings_pkey PRIMARY KEY (tenant_id, operation_id);

ALTER TABLE ONLY public.v1_operator
    ADD CONSTRAINT v1_operator_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.v1_otel_trace_lookup_olap
    ADD CONSTRAINT v1_otel_trace_lookup_olap_pkey PRIMARY KEY (tenant_id, external_id, retry_count, start_time);

ALTER TABLE ONLY public.v1_otel_trace_olap
    ADD CONSTRAINT v1_otel_trace_olap_pkey PRIMARY KEY (tenant_id, trace_id, start_time, span_id);

ALTER TABLE ONLY public.v1_paused_workflow_queue_item
    ADD CONSTRAINT v1_paused_workflow_queue_itemm_pkey PRIMARY KEY (task_inserted_at, task_id, retry_count);

ALTER TABLE ONLY public.v1_payload_cutover_job_offset
    ADD CONSTRAINT v1_payload_cutover_job_offset_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.v1_payload
    ADD CONSTRAINT v1_payload_pkey PRIMARY KEY (tenant_id, inserted_at, id, type);

ALTER TABLE ONLY public.v1_payloads_olap_cutover_job_offset
    ADD CONSTRAINT v1_payloads_olap_cutover_job_offset_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.v1_payloads_olap
    ADD CONSTRAINT v1_payloads_olap_pkey PRIMARY KEY (tenant_id, external_id, inserted_at);

ALTER TABLE ONLY public.v1_queue_item
    ADD CONSTRAINT v1_queue_item_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.v1_queue
    ADD CONSTRAINT v1_queue_pkey PRIMARY KEY (tenant_id, name);

ALTER TABLE ONLY public.v1_rate_limited_queue_items
    ADD CONSTRAINT v1_rate_limited_queue_items_pkey PRIMARY KEY (task_id, task_inserted_at, retry_count);

ALTER TABLE ONLY public.v1_retry_queue_item
    ADD CONSTRAINT v1_retry_queue_item_pkey PRIMARY KEY (task_id, task_inserted_at, task_retry_count);

ALTER TABLE ONLY public.v1_runs_olap
    ADD CONSTRAINT v1_runs_olap_pkey PRIMARY KEY (inserted_at, id);

ALTER TABLE ONLY public.v1_statuses_olap
    ADD CONSTRAINT v1_statuses_olap_pkey PRIMARY KEY (external_id, inserted_at);

ALTER TABLE ONLY public.v1_step_batch_config
    ADD CONSTRAINT v1_step_batch_config_pkey PRIMARY KEY (step_id);

ALTER TABLE ONLY public.v1_step_concurrency
    ADD CONSTRAINT v1_step_concurrency_pkey PRIMARY KEY (workflow_id, workflow_version_id, step_id, id);

ALTER TABLE ONLY public.v1_step_match_condition
    ADD CONSTRAINT v1_step_match_condition_pkey PRIMARY KEY (step_id, id);

ALTER TABLE ONLY public.v1_step_slot_request
    ADD CONSTRAINT v1_step_slot_request_pkey PRIMARY KEY (tenant_id, step_id, slot_type);

ALTER TABLE ONLY public.v1_task_event
    ADD CONSTRAINT v1_task_event_pkey PRIMARY KEY (task_id, task_inserted_at, id);

ALTER TABLE ONLY public.v1_task_events_olap
    ADD CONSTRAINT v1_task_events_olap_pkey PRIMARY KEY (task_id, task_inserted_at, id);

ALTER TABLE ONLY public.v1_task_events_olap_tmp
    ADD CONSTRAINT v1_task_events_olap_tmp_pkey PRIMARY KEY (tenant_id, requeue_after, task_id, id);

ALTER TABLE ONLY public.v1_task_expression_eval
    ADD CONSTRAINT v1_task_expression_eval_pkey PRIMARY KEY (task_id, task_inserted_at, kind, key);

ALTER TABLE ONLY public.v1_task
    ADD CONSTRAINT v1_task_pkey PRIMARY KEY (id, inserted_at);

ALTER TABLE ONLY public.v1_task_runtime
    ADD CONSTRAINT v1_task_runtime_pkey PRIMARY KEY (task_id, task_inserted_at, retry_count);

ALTER TABLE ONLY public.v1_task_runtime_slot
    ADD CONSTRAINT v1_task_runtime_slot_pkey PRIMARY KEY (task_id, task_inserted_at, retry_count, slot_type);

ALTER TABLE ONLY public.v1_task_status_updates_tmp
    ADD CONSTRAINT v1_task_status_updates_tmp_pkey PRIMARY KEY (tenant_id, requeue_after, dag_id, id);

ALTER TABLE ONLY public.v1_tasks_olap
    ADD CONSTRAINT v1_tasks_olap_pkey PRIMARY KEY (inserted_at, id);

ALTER TABLE ONLY public.v1_worker_slot_config
    ADD CONSTRAINT v1_worker_slot_config_pkey PRIMARY KEY (tenant_id, worker_id, slot_type);

ALTER TABLE ONLY public.v1_workflow_concurrency
    ADD CONSTRAINT v1_workflow_concurrency_pkey PRIMARY KEY (workflow_id, workflow_version_id, id);

ALTER TABLE ONLY public.v1_workflow_concurrency_slot
    ADD CONSTRAINT v1_workflow_concurrency_slot_pkey PRIMARY KEY (strategy_id, workflow_version_id, workflow_run_id);

CREATE UNIQUE INDEX "APIToken_id_key" ON public."APIToken" USING btree (id);

CREATE UNIQUE INDEX "Action_id_key" ON public."Action" USING btree (id);

CREATE UNIQUE INDEX "Action_tenantId_actionId_key" ON public."Action" USING btree ("tenantId", "actionId");

CREATE UNIQUE INDEX "ControllerPartition_id_key" ON public."ControllerPartition" USING btree (id);

CREATE UNIQUE INDEX "Dispatcher_id_key" ON public."Dispatcher" USING btree (id);

CREATE UNIQUE INDEX "EventKey_key_tenantId_key" ON public."EventKey" USING btree (key, "tenantId");

CREATE UNIQUE INDEX "Event_id_key" ON public."Event" USING btree (id);

CREATE UNIQUE INDEX "GetGroupKeyRun_id_key" ON public."GetGroupKeyRun" USING btree (id);

CREATE UNIQUE INDEX "GetGroupKeyRun_workflowRunId_key" ON public."GetGroupKeyRun" USING btree ("workflowRunId");

CREATE UNIQUE INDEX "InternalQueueItem_tenantId_queue_uniqueKey_key" ON public."InternalQueueItem" USING btree ("tenantId", queue, "uniqueKey");

CREATE UNIQUE INDEX "JobRunLookupData_id_key" ON public."JobRunLookupData" USING btree (id);

CREATE UNIQUE INDEX "JobRunLookupData_jobRunId_key" ON public."JobRunLookupData" USING btree ("jobRunId");

CREATE UNIQUE INDEX "JobRunLookupData_jobRunId_tenantId_key" ON public."JobRunLookupData" USING btree ("jobRunId", "tenantId");

CREATE UNIQUE INDEX "JobRun_id_key" ON public."JobRun" USING btree (id);

CREATE UNIQUE INDEX "Job_id_key" ON public."Job" USING btree (id);

CREATE UNIQUE INDEX "Job_workflowVersionId_name_key" ON public."Job" USING btree ("workflowVersionId", name);

CREATE UNIQUE INDEX "Lease_tenantId_kind_resourceId_key" ON public."Lease" USING btree ("tenantId", kind, "resourceId");

CREATE UNIQUE INDEX "Queue_tenantId_name_key" ON public."Queue" USING btree ("tenantId", name);

CREATE UNIQUE INDEX "RateLimit_tenantId_key_key" ON public."RateLimit" USING btree ("tenantId", key);

CREATE UNIQUE INDEX "SNSIntegration_id_key" ON public."SNSIntegration" USING btree (id);

CREATE UNIQUE INDEX "SNSIntegration_tenantId_topicArn_key" ON public."SNSIntegration" USING btree ("tenantId", "topicArn");

CREATE UNIQUE INDEX "SchedulerPartition_id_key" ON public."SchedulerPartition" USING btree (id);

CREATE UNIQUE INDEX "SecurityCheckIdent_id_key" ON public."SecurityCheckIdent" USING btree (id);

CREATE UNIQUE INDEX "SemaphoreQueueItem_stepRunId_key" ON public."SemaphoreQueueItem" USING btree ("stepRunId");

CREATE UNIQUE INDEX "Service_id_key" ON public."Service" USING btree (id);

CREATE UNIQUE INDEX "Service_tenantId_name_key" ON public."Service" USING btree ("tenantId", name);

CREATE UNIQUE INDEX "SlackAppWebhook_id_key" ON public."SlackAppWebhook" USING btree (id);

CREATE UNIQUE INDEX "SlackAppWebhook_tenantId_teamId_channelId_key" ON public."SlackAppWebhook" USING btree ("tenantId", "teamId", "channelId");

CREATE UNIQUE INDEX "StepDesiredWorkerLabel_stepId_key_key" ON public."StepDesiredWorkerLabel" USING btree ("stepId", key);

CREATE UNIQUE INDEX "StepRateLimit_stepId_rateLimitKey_key" ON public."StepRateLimit" USING btree ("stepId", "rateLimitKey");

CREATE UNIQUE INDEX "StepRunEvent_id_key" ON public."StepRunEvent" USING btree (id);

CREATE UNIQUE INDEX "StepRunResultArchive_id_key" ON public."StepRunResultArchive" USING btree (id);

CREATE UNIQUE INDEX "StepRun_id_key" ON public."StepRun" USING btree (id);

CREATE UNIQUE INDEX "Step_id_key" ON public."Step" USING btree (id);

CREATE UNIQUE INDEX "Step_jobId_readableId_key" ON public."Step" USING btree ("jobId", "readableId");

CREATE UNIQUE INDEX "TenantAlertEmailGroup_id_key" ON public."TenantAlertEmailGroup" USING btree (id);

CREATE UNIQUE INDEX "TenantAlertingSettings_id_key" ON public."TenantAlertingSettings" USING btree (id);

CREATE UNIQUE INDEX "TenantAlertingSettings_tenantId_key" ON public."TenantAlertingSettings" USING btree ("tenantId");

CREATE UNIQUE INDEX "TenantInviteLink_id_key" ON public."TenantInviteLink" USING btree (id);

CREATE UNIQUE INDEX "TenantMember_id_key" ON public."TenantMember" USING btree (id);

CREATE UNIQUE INDEX "TenantMember_tenantId_userId_key" ON public."TenantMember" USING btree ("tenantId", "userId");

CREATE UNIQUE INDEX "TenantResourceLimitAlert_id_key" ON public."TenantResourceLimitAlert" USING btree (id);

CREATE UNIQUE INDEX "TenantResourceLimit_id_key" ON public."TenantResourceLimit" USING btree (id);

CREATE UNIQUE INDEX "TenantResourceLimit_tenantId_resource_key" ON public."TenantResourceLimit" USING btree ("tenantId", resource);

CREATE UNIQUE INDEX "TenantVcsProvider_id_key" ON public."TenantVcsProvider" USING btree (id);

CREATE UNIQUE INDEX "TenantVcsProvider_tenantId_vcsProvider_key" ON public."TenantVcsProvider" USING btree ("tenantId", "vcsProvider");

CREATE UNIQUE INDEX "TenantWorkerPartition_id_key" ON public."TenantWorkerPartition" USING btree (id);

CREATE UNIQUE INDEX "Tenant_id_key" ON public."Tenant" USING btree (id);

CREATE UNIQUE INDEX "Tenant_slug_key" ON public."Tenant" USING btree (slug);

CREATE UNIQUE INDEX "Ticker_id_key" ON public."Ticker" USING btree (id);

CREATE UNIQUE INDEX "TimeoutQueueItem_stepRunId_retryCount_key" ON public."TimeoutQueueItem" USING btree ("stepRunId", "retryCount");

CREATE UNIQUE INDEX "UserOAuth_id_key" ON public."UserOAuth" USING btree (id);

CREATE UNIQUE INDEX "UserOAuth_userId_key" ON public."UserOAuth" USING btree ("userId");

CREATE UNIQUE INDEX "UserOAuth_userId_provider_key" ON public."UserOAuth" USING btree ("userId", provider);

CREATE UNIQUE INDEX "UserPassword_userId_key" ON public."UserPassword" USING btree ("userId");

CREATE UNIQUE INDEX "UserSession_id_key" ON public."UserSession" USING btree (id);

CREATE UNIQUE INDEX "User_email_key" ON public."User" USING btree (email);

CREATE UNIQUE INDEX "User_id_key" ON public."User" USING btree (id);

CREATE UNIQUE INDEX "WebhookWorkerRequest_id_key" ON public."WebhookWorkerRequest" USING btree (id);

CREATE UNIQUE INDEX "WebhookWorkerWorkflow_id_key" ON public."WebhookWorkerWorkflow" USING btree (id);

CREATE UNIQUE INDEX "WebhookWorkerWorkflow_webhookWorkerId_workflowId_key" ON public."WebhookWorkerWorkflow" USING btree ("webhookWorkerId", "workflowId");

CREATE UNIQUE INDEX "WebhookWorker_id_key" ON public."WebhookWorker" USING btree (id);

CREATE UNIQUE INDEX "WebhookWorker_url_key" ON public."WebhookWorker" USING btree (url);

CREATE UNIQUE INDEX "WorkerLabel_workerId_key_key" ON public."WorkerLabel" USING btree ("workerId", key);

CREATE UNIQUE INDEX "Worker_id_key" ON public."Worker" USING btree (id);

CREATE UNIQUE INDEX "Worker_webhookId_key" ON public."Worker" USING btree ("webhookId");

CREATE UNIQUE INDEX "WorkflowConcurrency_id_key" ON public."WorkflowConcurrency" USING btree (id);

CREATE UNIQUE INDEX "WorkflowConcurrency_workflowVersionId_key" ON public."WorkflowConcurrency" USING btree ("workflowVersionId");

CREATE UNIQUE INDEX "WorkflowRunDedupe_id_key" ON public."WorkflowRunDedupe" USING btree (id);

CREATE UNIQUE INDEX "WorkflowRunDedupe_tenantId_workflowId_value_key" ON public."WorkflowRunDedupe" USING btree ("tenantId", "workflowId", value);

CREATE UNIQUE INDEX "WorkflowRunStickyState_workflowRunId_key" ON public."WorkflowRunStickyState" USING btree ("workflowRunId");

CREATE UNIQUE INDEX "WorkflowRunTriggeredBy_id_key" ON public."WorkflowRunTriggeredBy" USING btree (id);

CREATE UNIQUE INDEX "WorkflowRunTriggeredBy_parentId_key" ON public."WorkflowRunTriggeredBy" USING btree ("parentId");

CREATE UNIQUE INDEX "WorkflowRunTriggeredBy_scheduledId_key" ON public."WorkflowRunTriggeredBy" USING btree ("scheduledId");

CREATE UNIQUE INDEX "WorkflowRun_id_key" ON public."WorkflowRun" USING btree (id);

CREATE UNIQUE INDEX "WorkflowRun_parentId_parentStepRunId_childKey_key" ON public."WorkflowRun" USING btree ("parentId", "parentStepRunId", "childKey");

CREATE UNIQUE INDEX "WorkflowTag_id_key" ON public."WorkflowTag" USING btree (id);

CREATE UNIQUE INDEX "WorkflowTag_tenantId_name_key" ON public."WorkflowTag" USING btree ("tenantId", name);

CREATE UNIQUE INDEX "WorkflowTriggerEventRef_parentId_eventKey_key" ON public."WorkflowTriggerEventRef" USING btree ("parentId", "eventKey");

CREATE UNIQUE INDEX "WorkflowTriggerScheduledRef_id_key" ON public."WorkflowTriggerScheduledRef" USING btree (id);

CREATE UNIQUE INDEX "WorkflowTriggerScheduledRef_parentId_parentStepRunId_childK_key" ON public."WorkflowTriggerScheduledRef" USING btree ("parentId", "parentStepRunId", "childKey");

CREATE UNIQUE INDEX "WorkflowTriggers_id_key" ON public."WorkflowTriggers" USING btree (id);

CREATE UNIQUE INDEX "WorkflowTriggers_workflowVersionId_key" ON public."WorkflowTriggers" USING btree ("workflowVersionId");

CREATE UNIQUE INDEX "WorkflowVersion_id_key" ON public."WorkflowVersion" USING btree (id);

CREATE UNIQUE INDEX "WorkflowVersion_onFailureJobId_key" ON public."WorkflowVersion" USING btree ("onFailureJobId");

CREATE UNIQUE INDEX "Workflow_id_key" ON public."Workflow" USING btree (id);

CREATE UNIQUE INDEX "Workflow_tenantId_name_key" ON public."Workflow" USING btree ("tenantId", name);

CREATE UNIQUE INDEX "_ActionToWorker_AB_unique" ON public."_ActionToWorker" USING btree ("A", "B");

CREATE UNIQUE INDEX "_ServiceToWorker_AB_unique" ON public."_ServiceToWorker" USING btree ("A", "B");

CREATE UNIQUE INDEX "_StepOrder_AB_unique" ON public."_StepOrder" USING btree ("A", "B");

CREATE UNIQUE INDEX "_StepRunOrder_AB_unique" ON public."_StepRunOrder" USING btree ("A", "B");

CREATE UNIQUE INDEX "_WorkflowToWorkflowTag_AB_unique" ON public."_WorkflowToWorkflowTag" USING btree ("A", "B");

CREATE UNIQUE INDEX v1_event_external_id_seen_at ON ONLY public.v1_event USING btree (external_id, seen_at);

CREATE UNIQUE INDEX v1_filter_unique_tenant_workflow_id_scope_expression_payload ON public.v1_filter USING btree (tenant_id, workflow_id, scope, expression, payload_hash);

CREATE UNIQUE INDEX v1_payload_offloaded_block_index_uq_index_key ON public.v1_payload_offloaded_block_index USING btree (index_file_key);

CREATE UNIQUE INDEX v1_payloads_olap_offloaded_block_index_uq_index_key ON public.v1_payloads_olap_offloaded_block_index USING btree (index_file_key);

CREATE UNIQUE INDEX v1_queue_item_task_idx ON public.v1_queue_item USING btree (task_id, task_inserted_at, retry_count);

CREATE UNIQUE INDEX v1_task_event_event_key_unique_idx ON ONLY public.v1_task_event USING btree (tenant_id, task_id, task_inserted_at, event_type, event_key) WHERE (event_key IS NOT NULL);

ALTER TABLE ONLY public."APIToken"
    ADD CONSTRAINT "APIToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Action"
    ADD CONSTRAINT "Action_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Event"
    ADD CONSTRAINT "Event_replayedFromId_fkey" FOREIGN KEY ("replayedFromId") REFERENCES public."Event"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."GetGroupKeyRun"
    ADD CONSTRAINT "GetGroupKeyRun_tickerId_fkey" FOREIGN KEY ("tickerId") REFERENCES public."Ticker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."GetGroupKeyRun"
    ADD CONSTRAINT "GetGroupKeyRun_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES public."Worker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."GetGroupKeyRun"
    ADD CONSTRAINT "GetGroupKeyRun_workflowRunId_fkey" FOREIGN KEY ("workflowRunId") REFERENCES public."WorkflowRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."JobRunLookupData"
    ADD CONSTRAINT "JobRunLookupData_jobRunId_fkey" FOREIGN KEY ("jobRunId") REFERENCES public."JobRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."JobRun"
    ADD CONSTRAINT "JobRun_workflowRunId_fkey" FOREIGN KEY ("workflowRunId") REFERENCES public."WorkflowRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Job"
    ADD CONSTRAINT "Job_workflowVersionId_fkey" FOREIGN KEY ("workflowVersionId") REFERENCES public."WorkflowVersion"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."LogLine"
    ADD CONSTRAINT "LogLine_stepRunId_fkey" FOREIGN KEY ("stepRunId") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."MessageQueueItem"
    ADD CONSTRAINT "MessageQueueItem_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES public."MessageQueue"(name) ON DELETE SET NULL;

ALTER TABLE ONLY public."SNSIntegration"
    ADD CONSTRAINT "SNSIntegration_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Service"
    ADD CONSTRAINT "Service_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."SlackAppWebhook"
    ADD CONSTRAINT "SlackAppWebhook_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."StepDesiredWorkerLabel"
    ADD CONSTRAINT "StepDesiredWorkerLabel_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES public."Step"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."StepRateLimit"
    ADD CONSTRAINT "StepRateLimit_tenantId_rateLimitKey_fkey" FOREIGN KEY ("tenantId", "rateLimitKey") REFERENCES public."RateLimit"("tenantId", key) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public."StepRunResultArchive"
    ADD CONSTRAINT "StepRunResultArchive_stepRunId_fkey" FOREIGN KEY ("stepRunId") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."StepRun"
    ADD CONSTRAINT "StepRun_jobRunId_fkey" FOREIGN KEY ("jobRunId") REFERENCES public."JobRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."StepRun"
    ADD CONSTRAINT "StepRun_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES public."Worker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."Step"
    ADD CONSTRAINT "Step_actionId_tenantId_fkey" FOREIGN KEY ("actionId", "tenantId") REFERENCES public."Action"("actionId", "tenantId") ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public."Step"
    ADD CONSTRAINT "Step_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES public."Job"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."StreamEvent"
    ADD CONSTRAINT "StreamEvent_stepRunId_fkey" FOREIGN KEY ("stepRunId") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."TenantAlertEmailGroup"
    ADD CONSTRAINT "TenantAlertEmailGroup_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantAlertingSettings"
    ADD CONSTRAINT "TenantAlertingSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantAlertingSettings"
    ADD CONSTRAINT "TenantAlertingSettings_tickerId_fkey" FOREIGN KEY ("tickerId") REFERENCES public."Ticker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."TenantInviteLink"
    ADD CONSTRAINT "TenantInviteLink_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantMember"
    ADD CONSTRAINT "TenantMember_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantMember"
    ADD CONSTRAINT "TenantMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES public."User"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantResourceLimitAlert"
    ADD CONSTRAINT "TenantResourceLimitAlert_resourceLimitId_fkey" FOREIGN KEY ("resourceLimitId") REFERENCES public."TenantResourceLimit"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantResourceLimitAlert"
    ADD CONSTRAINT "TenantResourceLimitAlert_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantResourceLimit"
    ADD CONSTRAINT "TenantResourceLimit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."TenantVcsProvider"
    ADD CONSTRAINT "TenantVcsProvider_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Tenant"
    ADD CONSTRAINT "Tenant_controllerPartitionId_fkey" FOREIGN KEY ("controllerPartitionId") REFERENCES public."ControllerPartition"(id) ON UPDATE SET NULL ON DELETE SET NULL;

ALTER TABLE ONLY public."Tenant"
    ADD CONSTRAINT "Tenant_schedulerPartitionId_fkey" FOREIGN KEY ("schedulerPartitionId") REFERENCES public."SchedulerPartition"(id) ON UPDATE SET NULL ON DELETE SET NULL;

ALTER TABLE ONLY public."Tenant"
    ADD CONSTRAINT "Tenant_workerPartitionId_fkey" FOREIGN KEY ("workerPartitionId") REFERENCES public."TenantWorkerPartition"(id) ON UPDATE SET NULL ON DELETE SET NULL;

ALTER TABLE ONLY public."UserOAuth"
    ADD CONSTRAINT "UserOAuth_userId_fkey" FOREIGN KEY ("userId") REFERENCES public."User"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."UserPassword"
    ADD CONSTRAINT "UserPassword_userId_fkey" FOREIGN KEY ("userId") REFERENCES public."User"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."UserSession"
    ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES public."User"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WebhookWorkerRequest"
    ADD CONSTRAINT "WebhookWorkerRequest_webhookWorkerId_fkey" FOREIGN KEY ("webhookWorkerId") REFERENCES public."WebhookWorker"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WebhookWorkerWorkflow"
    ADD CONSTRAINT "WebhookWorkerWorkflow_webhookWorkerId_fkey" FOREIGN KEY ("webhookWorkerId") REFERENCES public."WebhookWorker"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WebhookWorkerWorkflow"
    ADD CONSTRAINT "WebhookWorkerWorkflow_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES public."Workflow"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WebhookWorker"
    ADD CONSTRAINT "WebhookWorker_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WebhookWorker"
    ADD CONSTRAINT "WebhookWorker_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES public."APIToken"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkerAssignEvent"
    ADD CONSTRAINT "WorkerAssignEvent_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES public."Worker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkerLabel"
    ADD CONSTRAINT "WorkerLabel_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES public."Worker"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Worker"
    ADD CONSTRAINT "Worker_dispatcherId_fkey" FOREIGN KEY ("dispatcherId") REFERENCES public."Dispatcher"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."Worker"
    ADD CONSTRAINT "Worker_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES public."WebhookWorker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowConcurrency"
    ADD CONSTRAINT "WorkflowConcurrency_getConcurrencyGroupId_fkey" FOREIGN KEY ("getConcurrencyGroupId") REFERENCES public."Action"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowConcurrency"
    ADD CONSTRAINT "WorkflowConcurrency_workflowVersionId_fkey" FOREIGN KEY ("workflowVersionId") REFERENCES public."WorkflowVersion"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowRunStickyState"
    ADD CONSTRAINT "WorkflowRunStickyState_workflowRunId_fkey" FOREIGN KEY ("workflowRunId") REFERENCES public."WorkflowRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowRunTriggeredBy"
    ADD CONSTRAINT "WorkflowRunTriggeredBy_cronParentId_cronSchedule_cronName_fkey" FOREIGN KEY ("cronParentId", "cronSchedule", "cronName") REFERENCES public."WorkflowTriggerCronRef"("parentId", cron, name) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowRunTriggeredBy"
    ADD CONSTRAINT "WorkflowRunTriggeredBy_scheduledId_fkey" FOREIGN KEY ("scheduledId") REFERENCES public."WorkflowTriggerScheduledRef"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowRun"
    ADD CONSTRAINT "WorkflowRun_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES public."WorkflowRun"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowRun"
    ADD CONSTRAINT "WorkflowRun_parentStepRunId_fkey" FOREIGN KEY ("parentStepRunId") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowTag"
    ADD CONSTRAINT "WorkflowTag_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowTriggerCronRef"
    ADD CONSTRAINT "WorkflowTriggerCronRef_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES public."WorkflowTriggers"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowTriggerCronRef"
    ADD CONSTRAINT "WorkflowTriggerCronRef_tickerId_fkey" FOREIGN KEY ("tickerId") REFERENCES public."Ticker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowTriggerEventRef"
    ADD CONSTRAINT "WorkflowTriggerEventRef_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES public."WorkflowTriggers"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowTriggerScheduledRef"
    ADD CONSTRAINT "WorkflowTriggerScheduledRef_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES public."WorkflowVersion"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowTriggerScheduledRef"
    ADD CONSTRAINT "WorkflowTriggerScheduledRef_parentStepRunId_fkey" FOREIGN KEY ("parentStepRunId") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowTriggerScheduledRef"
    ADD CONSTRAINT "WorkflowTriggerScheduledRef_parentWorkflowRunId_fkey" FOREIGN KEY ("parentWorkflowRunId") REFERENCES public."WorkflowRun"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowTriggerScheduledRef"
    ADD CONSTRAINT "WorkflowTriggerScheduledRef_tickerId_fkey" FOREIGN KEY ("tickerId") REFERENCES public."Ticker"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowTriggers"
    ADD CONSTRAINT "WorkflowTriggers_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES public."Tenant"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowTriggers"
    ADD CONSTRAINT "WorkflowTriggers_workflowVersionId_fkey" FOREIGN KEY ("workflowVersionId") REFERENCES public."WorkflowVersion"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."WorkflowVersion"
    ADD CONSTRAINT "WorkflowVersion_onFailureJobId_fkey" FOREIGN KEY ("onFailureJobId") REFERENCES public."Job"(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public."WorkflowVersion"
    ADD CONSTRAINT "WorkflowVersion_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES public."Workflow"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_ActionToWorker"
    ADD CONSTRAINT "_ActionToWorker_A_fkey" FOREIGN KEY ("A") REFERENCES public."Action"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_ActionToWorker"
    ADD CONSTRAINT "_ActionToWorker_B_fkey" FOREIGN KEY ("B") REFERENCES public."Worker"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_ServiceToWorker"
    ADD CONSTRAINT "_ServiceToWorker_A_fkey" FOREIGN KEY ("A") REFERENCES public."Service"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_ServiceToWorker"
    ADD CONSTRAINT "_ServiceToWorker_B_fkey" FOREIGN KEY ("B") REFERENCES public."Worker"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_StepOrder"
    ADD CONSTRAINT "_StepOrder_A_fkey" FOREIGN KEY ("A") REFERENCES public."Step"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_StepOrder"
    ADD CONSTRAINT "_StepOrder_B_fkey" FOREIGN KEY ("B") REFERENCES public."Step"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_StepRunOrder"
    ADD CONSTRAINT "_StepRunOrder_A_fkey" FOREIGN KEY ("A") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_StepRunOrder"
    ADD CONSTRAINT "_StepRunOrder_B_fkey" FOREIGN KEY ("B") REFERENCES public."StepRun"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_WorkflowToWorkflowTag"
    ADD CONSTRAINT "_WorkflowToWorkflowTag_A_fkey" FOREIGN KEY ("A") REFERENCES public."Workflow"(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."_WorkflowToWorkflowTag"
    ADD CONSTRAINT "_WorkflowToWorkflowTag_B_fkey" FOREIGN KEY ("B") REFERENCES public."WorkflowTag"(id) ON UPDATE CASCADE ON DELETE CASCADE;

