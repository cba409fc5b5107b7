-- The schema of langfuse, an LLM engineering platform: organizations own projects, and almost
-- every table carries project_id.
--
-- Project: https://github.com/langfuse/langfuse
-- Commit:  62751446149b702b419a9292ddfc2280cdf74b8c
-- Source:  packages/shared/prisma/migrations/*/migration.sql (Prisma), all applied in order
-- License: MIT (outside the ee/ directories; nothing here comes from them).
--          Copyright (c) 2023-2026 ClickHouse, Inc.
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

CREATE TYPE public."ActionExecutionStatus" AS ENUM (
    'COMPLETED',
    'ERROR',
    'PENDING',
    'CANCELLED'
);

CREATE TYPE public."ActionType" AS ENUM (
    'WEBHOOK',
    'SLACK',
    'GITHUB_DISPATCH'
);

CREATE TYPE public."AnalyticsIntegrationExportSource" AS ENUM (
    'TRACES_OBSERVATIONS',
    'TRACES_OBSERVATIONS_EVENTS',
    'EVENTS'
);

CREATE TYPE public."AnnotationQueueObjectType" AS ENUM (
    'TRACE',
    'OBSERVATION',
    'SESSION'
);

CREATE TYPE public."AnnotationQueueStatus" AS ENUM (
    'PENDING',
    'COMPLETED'
);

CREATE TYPE public."ApiKeyScope" AS ENUM (
    'ORGANIZATION',
    'PROJECT'
);

CREATE TYPE public."AuditLogRecordType" AS ENUM (
    'USER',
    'API_KEY'
);

CREATE TYPE public."BlobStorageExportMode" AS ENUM (
    'FULL_HISTORY',
    'FROM_TODAY',
    'FROM_CUSTOM_DATE'
);

CREATE TYPE public."BlobStorageIntegrationFileType" AS ENUM (
    'JSON',
    'CSV',
    'JSONL',
    'PARQUET'
);

CREATE TYPE public."BlobStorageIntegrationType" AS ENUM (
    'S3',
    'S3_COMPATIBLE',
    'AZURE_BLOB_STORAGE'
);

CREATE TYPE public."CommentObjectType" AS ENUM (
    'TRACE',
    'OBSERVATION',
    'SESSION',
    'PROMPT'
);

CREATE TYPE public."DashboardWidgetChartType" AS ENUM (
    'LINE_TIME_SERIES',
    'BAR_TIME_SERIES',
    'HORIZONTAL_BAR',
    'VERTICAL_BAR',
    'PIE',
    'NUMBER',
    'HISTOGRAM',
    'PIVOT_TABLE',
    'AREA_TIME_SERIES'
);

CREATE TYPE public."DashboardWidgetViews" AS ENUM (
    'TRACES',
    'OBSERVATIONS',
    'SCORES_NUMERIC',
    'SCORES_CATEGORICAL',
    'SCORES_BOOLEAN'
);

CREATE TYPE public."DatasetStatus" AS ENUM (
    'ACTIVE',
    'ARCHIVED'
);

CREATE TYPE public."EvalTemplateSourceCodeLanguage" AS ENUM (
    'PYTHON',
    'TYPESCRIPT'
);

CREATE TYPE public."EvalTemplateType" AS ENUM (
    'LLM_AS_JUDGE',
    'CODE'
);

CREATE TYPE public."EvaluatorBlockReason" AS ENUM (
    'LLM_CONNECTION_AUTH_INVALID',
    'LLM_CONNECTION_MISSING',
    'DEFAULT_EVAL_MODEL_MISSING',
    'EVAL_MODEL_CONFIG_INVALID',
    'EVAL_MODEL_UNAVAILABLE',
    'PROVIDER_ACCOUNT_NOT_READY',
    'LLM_CONNECTION_BILLING_EXHAUSTED',
    'LLM_CONNECTION_ENDPOINT_UNREACHABLE'
);

CREATE TYPE public."EvaluatorSourceCodeLanguage" AS ENUM (
    'PYTHON',
    'TYPESCRIPT'
);

CREATE TYPE public."InAppAgentConversationVisibilityScope" AS ENUM (
    'PERSONAL',
    'PROJECT'
);

CREATE TYPE public."JobConfigState" AS ENUM (
    'ACTIVE',
    'INACTIVE'
);

CREATE TYPE public."JobExecutionStatus" AS ENUM (
    'COMPLETED',
    'ERROR',
    'PENDING',
    'CANCELLED',
    'DELAYED'
);

CREATE TYPE public."JobType" AS ENUM (
    'EVAL'
);

CREATE TYPE public."MediaAssociationOrigin" AS ENUM (
    'UNKNOWN',
    'CLIENT_UPLOAD',
    'INGESTION_MEDIA_EXTRACTION',
    'INGESTION_FIELD_OVERFLOW'
);

CREATE TYPE public."MonitorSeverity" AS ENUM (
    'PAUSED',
    'UNKNOWN',
    'NO_DATA',
    'OK',
    'WARNING',
    'ALERT'
);

CREATE TYPE public."MonitorStatus" AS ENUM (
    'PAUSED',
    'ACTIVE',
    'ERROR_BAD_QUERY'
);

CREATE TYPE public."MonitorThresholdOperator" AS ENUM (
    'GT',
    'GTE',
    'LT',
    'LTE',
    'EQ',
    'NEQ'
);

CREATE TYPE public."MonitorView" AS ENUM (
    'OBSERVATIONS',
    'SCORES_NUMERIC',
    'SCORES_CATEGORICAL',
    'SCORES_BOOLEAN'
);

CREATE TYPE public."NotificationChannel" AS ENUM (
    'EMAIL'
);

CREATE TYPE public."NotificationType" AS ENUM (
    'COMMENT_MENTION'
);

CREATE TYPE public."Role" AS ENUM (
    'OWNER',
    'ADMIN',
    'MEMBER',
    'VIEWER',
    'NONE'
);

CREATE TYPE public."ScoreConfigDataType" AS ENUM (
    'CATEGORICAL',
    'NUMERIC',
    'BOOLEAN',
    'TEXT'
);

CREATE TYPE public."SurveyName" AS ENUM (
    'org_onboarding',
    'user_onboarding'
);

CREATE TABLE public."Account" (
    id text NOT NULL,
    type text NOT NULL,
    provider text NOT NULL,
    "providerAccountId" text NOT NULL,
    refresh_token text,
    access_token text,
    expires_at integer,
    token_type text,
    scope text,
    id_token text,
    session_state text,
    user_id text NOT NULL,
    expires_in integer,
    ext_expires_in integer,
    refresh_token_expires_in integer,
    created_at integer
);

CREATE TABLE public."Session" (
    id text NOT NULL,
    expires timestamp(3) without time zone NOT NULL,
    session_token text NOT NULL,
    user_id text NOT NULL
);

CREATE TABLE public.actions (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    type public."ActionType" NOT NULL,
    config jsonb NOT NULL
);

CREATE TABLE public.annotation_queue_assignments (
    id text NOT NULL,
    project_id text NOT NULL,
    user_id text NOT NULL,
    queue_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.annotation_queue_items (
    id text NOT NULL,
    queue_id text NOT NULL,
    object_id text NOT NULL,
    object_type public."AnnotationQueueObjectType" NOT NULL,
    status public."AnnotationQueueStatus" DEFAULT 'PENDING'::public."AnnotationQueueStatus" NOT NULL,
    locked_at timestamp(3) without time zone,
    locked_by_user_id text,
    annotator_user_id text,
    completed_at timestamp(3) without time zone,
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.annotation_queues (
    id text NOT NULL,
    name text NOT NULL,
    description text,
    score_config_ids text[] DEFAULT ARRAY[]::text[],
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.api_keys (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    note text,
    public_key text NOT NULL,
    hashed_secret_key text NOT NULL,
    display_secret_key text NOT NULL,
    last_used_at timestamp(3) without time zone,
    expires_at timestamp(3) without time zone,
    project_id text,
    fast_hashed_secret_key text,
    organization_id text,
    scope public."ApiKeyScope" DEFAULT 'PROJECT'::public."ApiKeyScope" NOT NULL,
    is_in_app_agent_key boolean DEFAULT false NOT NULL,
    created_by_user_id text,
    created_by_api_key_id text
);

CREATE TABLE public.audit_logs (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    user_id text,
    project_id text,
    resource_type text NOT NULL,
    resource_id text NOT NULL,
    action text NOT NULL,
    before text,
    after text,
    org_id text NOT NULL,
    user_org_role text,
    user_project_role text,
    api_key_id text,
    type public."AuditLogRecordType" DEFAULT 'USER'::public."AuditLogRecordType" NOT NULL
);

CREATE TABLE public.automation_executions (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    source_id text NOT NULL,
    automation_id text NOT NULL,
    trigger_id text NOT NULL,
    action_id text NOT NULL,
    project_id text NOT NULL,
    status public."ActionExecutionStatus" DEFAULT 'PENDING'::public."ActionExecutionStatus" NOT NULL,
    input jsonb NOT NULL,
    output jsonb,
    started_at timestamp(3) without time zone,
    finished_at timestamp(3) without time zone,
    error text
);

CREATE TABLE public.automations (
    id text NOT NULL,
    name text NOT NULL,
    trigger_id text NOT NULL,
    action_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL
);

CREATE TABLE public.background_migrations (
    id text NOT NULL,
    name text NOT NULL,
    script text NOT NULL,
    args jsonb NOT NULL,
    finished_at timestamp(3) without time zone,
    failed_at timestamp(3) without time zone,
    failed_reason text,
    worker_id text,
    locked_at timestamp(3) without time zone,
    state jsonb DEFAULT '{}'::jsonb NOT NULL
);

CREATE TABLE public.batch_actions (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    user_id text NOT NULL,
    action_type text NOT NULL,
    table_name text NOT NULL,
    status text NOT NULL,
    finished_at timestamp(3) without time zone,
    query jsonb NOT NULL,
    config jsonb,
    total_count integer,
    processed_count integer,
    failed_count integer,
    log text
);

CREATE TABLE public.batch_exports (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    user_id text NOT NULL,
    finished_at timestamp(3) without time zone,
    expires_at timestamp(3) without time zone,
    name text NOT NULL,
    status text NOT NULL,
    query jsonb NOT NULL,
    format text NOT NULL,
    url text,
    log text
);

CREATE TABLE public.billing_meter_backups (
    stripe_customer_id text NOT NULL,
    meter_id text NOT NULL,
    start_time timestamp(3) without time zone NOT NULL,
    end_time timestamp(3) without time zone NOT NULL,
    aggregated_value integer NOT NULL,
    event_name text NOT NULL,
    org_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.blob_storage_integrations (
    project_id text NOT NULL,
    type public."BlobStorageIntegrationType" NOT NULL,
    bucket_name text NOT NULL,
    prefix text NOT NULL,
    access_key_id text,
    secret_access_key text,
    region text NOT NULL,
    endpoint text,
    force_path_style boolean NOT NULL,
    next_sync_at timestamp(3) without time zone,
    last_sync_at timestamp(3) without time zone,
    enabled boolean NOT NULL,
    export_frequency text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    file_type public."BlobStorageIntegrationFileType" DEFAULT 'CSV'::public."BlobStorageIntegrationFileType" NOT NULL,
    export_mode public."BlobStorageExportMode" DEFAULT 'FULL_HISTORY'::public."BlobStorageExportMode" NOT NULL,
    export_start_date timestamp(3) without time zone,
    export_source public."AnalyticsIntegrationExportSource" DEFAULT 'TRACES_OBSERVATIONS'::public."AnalyticsIntegrationExportSource" NOT NULL,
    last_error text,
    last_error_at timestamp(3) without time zone,
    last_failure_notification_sent_at timestamp(3) without time zone,
    compressed boolean DEFAULT true NOT NULL,
    export_field_groups text[] DEFAULT ARRAY['core'::text, 'basic'::text, 'time'::text, 'io'::text, 'metadata'::text, 'model'::text, 'usage'::text, 'prompt'::text, 'metrics'::text, 'tools'::text, 'trace_context'::text] NOT NULL,
    run_started_at timestamp(3) without time zone,
    export_tuning jsonb
);

CREATE TABLE public.cloud_spend_alerts (
    id text NOT NULL,
    org_id text NOT NULL,
    title text NOT NULL,
    threshold numeric(65,30) NOT NULL,
    triggered_at timestamp(3) without time zone,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.comment_reactions (
    id text NOT NULL,
    project_id text NOT NULL,
    comment_id text NOT NULL,
    user_id text NOT NULL,
    emoji text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.comments (
    id text NOT NULL,
    project_id text NOT NULL,
    object_type public."CommentObjectType" NOT NULL,
    object_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    content text NOT NULL,
    author_user_id text,
    data_field text,
    path text[] DEFAULT '{}'::text[],
    range_start integer[] DEFAULT '{}'::integer[],
    range_end integer[] DEFAULT '{}'::integer[]
);

CREATE TABLE public.cron_jobs (
    name text NOT NULL,
    last_run timestamp(3) without time zone,
    state text,
    job_started_at timestamp(3) without time zone
);

CREATE TABLE public.dashboard_widgets (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_by text,
    updated_by text,
    project_id text,
    name text NOT NULL,
    description text NOT NULL,
    view public."DashboardWidgetViews" NOT NULL,
    dimensions jsonb NOT NULL,
    metrics jsonb NOT NULL,
    filters jsonb NOT NULL,
    chart_type public."DashboardWidgetChartType" NOT NULL,
    chart_config jsonb NOT NULL,
    min_version integer DEFAULT 1 NOT NULL
);

CREATE TABLE public.dashboards (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_by text,
    updated_by text,
    project_id text,
    name text NOT NULL,
    description text NOT NULL,
    definition jsonb NOT NULL,
    filters jsonb DEFAULT '[]'::jsonb NOT NULL
);

CREATE TABLE public.dataset_item_media (
    id text NOT NULL,
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    media_id text NOT NULL,
    dataset_id text NOT NULL,
    dataset_item_id text NOT NULL,
    dataset_item_valid_from timestamp(3) without time zone,
    field text NOT NULL,
    json_path text,
    reference_string text
);

CREATE TABLE public.dataset_items (
    id text NOT NULL,
    input jsonb,
    expected_output jsonb,
    source_observation_id text,
    dataset_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    status public."DatasetStatus" DEFAULT 'ACTIVE'::public."DatasetStatus",
    source_trace_id text,
    metadata jsonb,
    project_id text NOT NULL,
    is_deleted boolean DEFAULT false NOT NULL,
    valid_from timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    valid_to timestamp(3) without time zone
);

CREATE TABLE public.dataset_runs (
    id text NOT NULL,
    name text NOT NULL,
    dataset_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    metadata jsonb,
    description text,
    project_id text NOT NULL
);

CREATE TABLE public.datasets (
    id text NOT NULL,
    name text NOT NULL,
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    description text,
    metadata jsonb,
    remote_experiment_payload jsonb,
    remote_experiment_url text,
    expected_output_schema json,
    input_schema json,
    remote_experiment_enabled boolean DEFAULT true NOT NULL,
    remote_experiment_display_headers jsonb,
    remote_experiment_display_secret_key text,
    remote_experiment_request_headers jsonb,
    remote_experiment_secret_key text
);

CREATE TABLE public.default_llm_models (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    llm_api_key_id text NOT NULL,
    provider text NOT NULL,
    adapter text NOT NULL,
    model text NOT NULL,
    model_params jsonb
);

CREATE TABLE public.default_views (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    user_id text,
    view_name text NOT NULL,
    view_id text NOT NULL
);

CREATE TABLE public.eval_templates (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text,
    name text NOT NULL,
    version integer NOT NULL,
    prompt text,
    model text,
    model_params jsonb,
    vars text[] DEFAULT ARRAY[]::text[],
    output_schema jsonb,
    provider text,
    partner text,
    type public."EvalTemplateType" DEFAULT 'LLM_AS_JUDGE'::public."EvalTemplateType" NOT NULL,
    source_code character varying(262144),
    source_code_language public."EvalTemplateSourceCodeLanguage"
);

CREATE TABLE public.evaluation_rule_evaluator_assignments (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    evaluation_rule_id text NOT NULL,
    evaluator_id text NOT NULL,
    variable_mapping jsonb
);

CREATE TABLE public.evaluation_rules (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    created_by_user_id text,
    name text NOT NULL,
    status public."JobConfigState" DEFAULT 'ACTIVE'::public."JobConfigState" NOT NULL,
    target_object text NOT NULL,
    filter jsonb NOT NULL,
    sampling numeric(65,30) NOT NULL,
    delay integer NOT NULL,
    time_scope text[] DEFAULT ARRAY['NEW'::text] NOT NULL
);

CREATE TABLE public.evaluator_versions (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    evaluator_id text NOT NULL,
    version integer NOT NULL,
    created_by_user_id text,
    prompt text,
    partner text,
    model text,
    provider text,
    model_params jsonb,
    vars text[] DEFAULT ARRAY[]::text[] NOT NULL,
    variable_mapping jsonb,
    output_definition jsonb,
    source_code character varying(262144),
    source_code_language public."EvaluatorSourceCodeLanguage"
);

CREATE TABLE public.evaluators (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    name text NOT NULL,
    type public."EvalTemplateType" NOT NULL,
    description text,
    created_by_user_id text,
    blocked_at timestamp(3) without time zone,
    block_reason public."EvaluatorBlockReason",
    block_message text
);

CREATE TABLE public.in_app_agent_conversations (
    id text NOT NULL,
    project_id text NOT NULL,
    created_by_user_id text,
    title text,
    visibility_scope public."InAppAgentConversationVisibilityScope" DEFAULT 'PERSONAL'::public."InAppAgentConversationVisibilityScope" NOT NULL,
    provider_session_id text,
    deleted_at timestamp(3) without time zone,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    renamed_by_user_at timestamp(3) without time zone,
    always_allowed_tools text[] DEFAULT ARRAY[]::text[] NOT NULL
);

CREATE TABLE public.in_app_agent_events (
    project_id text NOT NULL,
    conversation_id text NOT NULL,
    run_id text NOT NULL,
    sequence_number integer NOT NULL,
    type text NOT NULL,
    event jsonb NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.in_app_agent_pending_tool_approvals (
    project_id text NOT NULL,
    conversation_id text NOT NULL,
    tool_call_id text NOT NULL,
    approval_fingerprint text NOT NULL,
    expires_at timestamp(3) without time zone NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.in_app_agent_runs (
    id text NOT NULL,
    project_id text NOT NULL,
    conversation_id text NOT NULL,
    triggered_by_user_id text,
    model text,
    mcp_api_key_id text,
    error_code text,
    error_message text,
    finished_at timestamp(3) without time zone,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    status text,
    request jsonb,
    claimed_at timestamp(3) without time zone,
    heartbeat_at timestamp(3) without time zone,
    cancel_requested_at timestamp(3) without time zone
);

CREATE TABLE public.job_configurations (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    job_type public."JobType" NOT NULL,
    eval_template_id text,
    score_name text NOT NULL,
    filter jsonb NOT NULL,
    target_object text NOT NULL,
    variable_mapping jsonb NOT NULL,
    sampling numeric(65,30) NOT NULL,
    delay integer NOT NULL,
    status public."JobConfigState" DEFAULT 'ACTIVE'::public."JobConfigState" NOT NULL,
    time_scope text[] DEFAULT ARRAY['NEW'::text],
    blocked_at timestamp(3) without time zone,
    block_reason public."EvaluatorBlockReason",
    block_message text
);

CREATE TABLE public.job_executions (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    job_configuration_id text NOT NULL,
    status public."JobExecutionStatus" NOT NULL,
    start_time timestamp(3) without time zone,
    end_time timestamp(3) without time zone,
    error text,
    job_input_trace_id text,
    job_output_score_id text,
    job_input_dataset_item_id text,
    job_input_observation_id text,
    job_template_id text,
    job_input_trace_timestamp timestamp(3) without time zone,
    execution_trace_id text,
    job_input_dataset_item_valid_from timestamp(3) without time zone
);

CREATE TABLE public.llm_api_keys (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    provider text NOT NULL,
    display_secret_key text NOT NULL,
    secret_key text NOT NULL,
    project_id text NOT NULL,
    base_url text,
    adapter text NOT NULL,
    custom_models text[] DEFAULT '{}'::text[] NOT NULL,
    with_default_models boolean DEFAULT true NOT NULL,
    config jsonb,
    extra_headers text,
    extra_header_keys text[] DEFAULT '{}'::text[] NOT NULL
);

CREATE TABLE public.llm_schemas (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    schema json NOT NULL
);

CREATE TABLE public.llm_tools (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    parameters json NOT NULL
);

CREATE TABLE public.media (
    id text NOT NULL,
    sha_256_hash character(44) NOT NULL,
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    uploaded_at timestamp(3) without time zone,
    upload_http_status integer,
    upload_http_error text,
    bucket_path text NOT NULL,
    bucket_name text NOT NULL,
    content_type text NOT NULL,
    content_length bigint NOT NULL
);

CREATE TABLE public.membership_invitations (
    id text NOT NULL,
    email text NOT NULL,
    project_id text,
    invited_by_user_id text,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    org_id text NOT NULL,
    org_role public."Role" NOT NULL,
    project_role public."Role"
);

CREATE TABLE public.mixpanel_integrations (
    project_id text NOT NULL,
    encrypted_mixpanel_project_token text NOT NULL,
    mixpanel_region text NOT NULL,
    last_sync_at timestamp(3) without time zone,
    enabled boolean NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    export_source public."AnalyticsIntegrationExportSource" DEFAULT 'TRACES_OBSERVATIONS'::public."AnalyticsIntegrationExportSource" NOT NULL
);

CREATE TABLE public.models (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text,
    model_name text NOT NULL,
    match_pattern text NOT NULL,
    start_date timestamp(3) without time zone,
    input_price numeric(65,30),
    output_price numeric(65,30),
    total_price numeric(65,30),
    unit text,
    tokenizer_config jsonb,
    tokenizer_id text
);

CREATE TABLE public.monitors (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_by text,
    updated_by text,
    project_id text NOT NULL,
    view public."MonitorView" NOT NULL,
    filters jsonb NOT NULL,
    metric jsonb NOT NULL,
    window_ms bigint NOT NULL,
    cadence_ms bigint NOT NULL,
    threshold_operator public."MonitorThresholdOperator" NOT NULL,
    alert_threshold numeric(65,30) NOT NULL,
    warning_threshold numeric(65,30),
    severity public."MonitorSeverity" DEFAULT 'UNKNOWN'::public."MonitorSeverity" NOT NULL,
    severity_changed_at timestamp(3) without time zone,
    no_data jsonb NOT NULL,
    renotify jsonb NOT NULL,
    status public."MonitorStatus" DEFAULT 'ACTIVE'::public."MonitorStatus" NOT NULL,
    scheduler_batch_id bigint NOT NULL,
    next_run_at timestamp(3) without time zone,
    last_published_at timestamp(3) without time zone,
    last_completed_at timestamp(3) without time zone,
    name text NOT NULL,
    tags text[] DEFAULT ARRAY[]::text[],
    alerted_at timestamp(3) without time zone,
    trigger_ids text[] DEFAULT ARRAY[]::text[] NOT NULL,
    last_claimed_at timestamp(3) without time zone
);

CREATE TABLE public.notification_preferences (
    id text NOT NULL,
    user_id text NOT NULL,
    project_id text NOT NULL,
    channel public."NotificationChannel" NOT NULL,
    type public."NotificationType" NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.observation_media (
    id text NOT NULL,
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    media_id text NOT NULL,
    trace_id text NOT NULL,
    observation_id text NOT NULL,
    field text NOT NULL,
    origin public."MediaAssociationOrigin" DEFAULT 'UNKNOWN'::public."MediaAssociationOrigin" NOT NULL
);

CREATE TABLE public.organization_memberships (
    id text NOT NULL,
    org_id text NOT NULL,
    user_id text NOT NULL,
    role public."Role" NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.organizations (
    id text NOT NULL,
    name text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    cloud_config jsonb,
    metadata jsonb,
    ai_features_enabled boolean DEFAULT false NOT NULL,
    cloud_billing_cycle_anchor timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP,
    cloud_billing_cycle_updated_at timestamp(3) without time zone,
    cloud_current_cycle_usage integer,
    cloud_free_tier_usage_threshold_state text,
    ai_telemetry_enabled boolean DEFAULT true NOT NULL,
    sfdc_org_id text
);

CREATE TABLE public.pending_deletions (
    id text NOT NULL,
    project_id text NOT NULL,
    object text NOT NULL,
    object_id text NOT NULL,
    is_deleted boolean DEFAULT false NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.posthog_integrations (
    project_id text NOT NULL,
    encrypted_posthog_api_key text NOT NULL,
    posthog_host_name text NOT NULL,
    last_sync_at timestamp(3) without time zone,
    enabled boolean NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    export_source public."AnalyticsIntegrationExportSource" DEFAULT 'TRACES_OBSERVATIONS'::public."AnalyticsIntegrationExportSource" NOT NULL,
    last_error text,
    last_error_at timestamp(3) without time zone
);

CREATE TABLE public.prices (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    model_id text NOT NULL,
    usage_type text NOT NULL,
    price numeric(65,30) NOT NULL,
    project_id text,
    pricing_tier_id text NOT NULL
);

CREATE TABLE public.pricing_tiers (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    model_id text NOT NULL,
    name text NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    priority integer NOT NULL,
    conditions jsonb NOT NULL
);

CREATE TABLE public.project_memberships (
    project_id text NOT NULL,
    user_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    org_membership_id text NOT NULL,
    role public."Role" NOT NULL
);

CREATE TABLE public.projects (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    name text NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    org_id text NOT NULL,
    deleted_at timestamp(3) without time zone,
    retention_days integer,
    metadata jsonb,
    has_traces boolean DEFAULT false NOT NULL,
    home_dashboard_id text
);

CREATE TABLE public.prompt_dependencies (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    parent_id text NOT NULL,
    child_name text NOT NULL,
    child_label text,
    child_version integer
);

CREATE TABLE public.prompt_protected_labels (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    label text NOT NULL
);

CREATE TABLE public.prompts (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    created_by text NOT NULL,
    name text NOT NULL,
    version integer NOT NULL,
    is_active boolean,
    config json DEFAULT '{}'::json NOT NULL,
    prompt jsonb NOT NULL,
    type text DEFAULT 'text'::text NOT NULL,
    tags text[] DEFAULT ARRAY[]::text[],
    labels text[] DEFAULT ARRAY[]::text[],
    commit_message text
);

CREATE TABLE public.score_configs (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    name text NOT NULL,
    data_type public."ScoreConfigDataType" NOT NULL,
    is_archived boolean DEFAULT false NOT NULL,
    min_value double precision,
    max_value double precision,
    categories jsonb,
    description text
);

CREATE TABLE public.slack_integrations (
    id text NOT NULL,
    project_id text NOT NULL,
    team_id text NOT NULL,
    team_name text NOT NULL,
    bot_token text NOT NULL,
    bot_user_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.sso_configs (
    domain text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    auth_provider text NOT NULL,
    auth_config jsonb
);

CREATE TABLE public.surveys (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    survey_name public."SurveyName" NOT NULL,
    response jsonb NOT NULL,
    user_id text,
    user_email text,
    org_id text
);

CREATE TABLE public.table_view_presets (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    name text NOT NULL,
    table_name text NOT NULL,
    created_by text,
    updated_by text,
    filters jsonb NOT NULL,
    column_order jsonb NOT NULL,
    column_visibility jsonb NOT NULL,
    search_query text,
    order_by jsonb
);

CREATE TABLE public.trace_media (
    id text NOT NULL,
    project_id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    media_id text NOT NULL,
    trace_id text NOT NULL,
    field text NOT NULL,
    origin public."MediaAssociationOrigin" DEFAULT 'UNKNOWN'::public."MediaAssociationOrigin" NOT NULL
);

CREATE TABLE public.trace_sessions (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    bookmarked boolean DEFAULT false NOT NULL,
    public boolean DEFAULT false NOT NULL,
    environment text DEFAULT 'default'::text NOT NULL
);

CREATE TABLE public.triggers (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    "eventSource" text NOT NULL,
    "eventActions" text[],
    filter jsonb,
    status public."JobConfigState" DEFAULT 'ACTIVE'::public."JobConfigState" NOT NULL
);

CREATE TABLE public.users (
    id text NOT NULL,
    name text,
    email text,
    email_verified timestamp(3) without time zone,
    password text,
    image text,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    feature_flags text[] DEFAULT ARRAY[]::text[],
    admin boolean DEFAULT false NOT NULL,
    v4_beta_enabled boolean DEFAULT false NOT NULL
);

CREATE TABLE public.verification_tokens (
    identifier text NOT NULL,
    token text NOT NULL,
    expires timestamp(3) without time zone NOT NULL
);

CREATE TABLE public.verified_domains (
    id text NOT NULL,
    organization_id text NOT NULL,
    domain text NOT NULL,
    verification_token text NOT NULL,
    verified_at timestamp(3) without time zone,
    created_by_user_id text,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE TABLE public.web_callout_endpoints (
    id text NOT NULL,
    created_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    project_id text NOT NULL,
    name text DEFAULT 'Default'::text NOT NULL,
    url text NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    toast_message text DEFAULT 'Callout sent'::text NOT NULL,
    request_headers text,
    request_header_keys text[] DEFAULT '{}'::text[] NOT NULL
);

ALTER TABLE ONLY public."Account"
    ADD CONSTRAINT "Account_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public."Session"
    ADD CONSTRAINT "Session_pkey" PRIMARY KEY (id);

ALTER TABLE ONLY public.actions
    ADD CONSTRAINT actions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.annotation_queue_assignments
    ADD CONSTRAINT annotation_queue_assignments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.annotation_queue_items
    ADD CONSTRAINT annotation_queue_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.annotation_queues
    ADD CONSTRAINT annotation_queues_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.audit_logs
    ADD CONSTRAINT audit_logs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.automation_executions
    ADD CONSTRAINT automation_executions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.automations
    ADD CONSTRAINT automations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.background_migrations
    ADD CONSTRAINT background_migrations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.batch_actions
    ADD CONSTRAINT batch_actions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.batch_exports
    ADD CONSTRAINT batch_exports_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.blob_storage_integrations
    ADD CONSTRAINT blob_storage_integrations_pkey PRIMARY KEY (project_id);

ALTER TABLE ONLY public.cloud_spend_alerts
    ADD CONSTRAINT cloud_spend_alerts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.comment_reactions
    ADD CONSTRAINT comment_reactions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.cron_jobs
    ADD CONSTRAINT cron_jobs_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.dashboard_widgets
    ADD CONSTRAINT dashboard_widgets_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dashboards
    ADD CONSTRAINT dashboards_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dataset_item_media
    ADD CONSTRAINT dataset_item_media_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dataset_items
    ADD CONSTRAINT dataset_items_pkey PRIMARY KEY (id, project_id, valid_from);

ALTER TABLE ONLY public.dataset_runs
    ADD CONSTRAINT dataset_runs_pkey PRIMARY KEY (id, project_id);

ALTER TABLE ONLY public.datasets
    ADD CONSTRAINT datasets_pkey PRIMARY KEY (id, project_id);

ALTER TABLE ONLY public.default_llm_models
    ADD CONSTRAINT default_llm_models_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.default_llm_models
    ADD CONSTRAINT default_llm_models_project_id_key UNIQUE (project_id);

ALTER TABLE ONLY public.default_views
    ADD CONSTRAINT default_views_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.eval_templates
    ADD CONSTRAINT eval_templates_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.evaluation_rule_evaluator_assignments
    ADD CONSTRAINT evaluation_rule_evaluator_assignments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.evaluation_rules
    ADD CONSTRAINT evaluation_rules_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.evaluator_versions
    ADD CONSTRAINT evaluator_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.evaluators
    ADD CONSTRAINT evaluators_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.in_app_agent_conversations
    ADD CONSTRAINT in_app_agent_conversations_pkey PRIMARY KEY (id, project_id);

ALTER TABLE ONLY public.in_app_agent_events
    ADD CONSTRAINT in_app_agent_events_pkey PRIMARY KEY (project_id, conversation_id, sequence_number);

ALTER TABLE ONLY public.in_app_agent_pending_tool_approvals
    ADD CONSTRAINT in_app_agent_pending_tool_approvals_pkey PRIMARY KEY (project_id, conversation_id, tool_call_id);

ALTER TABLE ONLY public.in_app_agent_runs
    ADD CONSTRAINT in_app_agent_runs_pkey PRIMARY KEY (id, project_id);

ALTER TABLE ONLY public.job_configurations
    ADD CONSTRAINT job_configurations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.job_executions
    ADD CONSTRAINT job_executions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.llm_api_keys
    ADD CONSTRAINT llm_api_keys_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.llm_schemas
    ADD CONSTRAINT llm_schemas_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.llm_tools
    ADD CONSTRAINT llm_tools_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.membership_invitations
    ADD CONSTRAINT membership_invitations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mixpanel_integrations
    ADD CONSTRAINT mixpanel_integrations_pkey PRIMARY KEY (project_id);

ALTER TABLE ONLY public.models
    ADD CONSTRAINT models_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.monitors
    ADD CONSTRAINT monitors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notification_preferences
    ADD CONSTRAINT notification_preferences_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.observation_media
    ADD CONSTRAINT observation_media_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.organization_memberships
    ADD CONSTRAINT organization_memberships_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.pending_deletions
    ADD CONSTRAINT pending_deletions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.posthog_integrations
    ADD CONSTRAINT posthog_integrations_pkey PRIMARY KEY (project_id);

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.pricing_tiers
    ADD CONSTRAINT pricing_tiers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.project_memberships
    ADD CONSTRAINT project_memberships_pkey PRIMARY KEY (project_id, user_id);

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.prompt_dependencies
    ADD CONSTRAINT prompt_dependencies_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.prompt_protected_labels
    ADD CONSTRAINT prompt_protected_labels_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.prompts
    ADD CONSTRAINT prompts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.score_configs
    ADD CONSTRAINT score_configs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.slack_integrations
    ADD CONSTRAINT slack_integrations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.sso_configs
    ADD CONSTRAINT sso_configs_pkey PRIMARY KEY (domain);

ALTER TABLE ONLY public.surveys
    ADD CONSTRAINT surveys_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.table_view_presets
    ADD CONSTRAINT table_view_presets_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.trace_media
    ADD CONSTRAINT trace_media_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.trace_sessions
    ADD CONSTRAINT trace_sessions_pkey PRIMARY KEY (id, project_id);

ALTER TABLE ONLY public.triggers
    ADD CONSTRAINT triggers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.verified_domains
    ADD CONSTRAINT verified_domains_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.web_callout_endpoints
    ADD CONSTRAINT web_callout_endpoints_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON public."Account" USING btree (provider, "providerAccountId");

CREATE UNIQUE INDEX "Session_session_token_key" ON public."Session" USING btree (session_token);

CREATE UNIQUE INDEX annotation_queue_assignments_project_id_queue_id_user_id_key ON public.annotation_queue_assignments USING btree (project_id, queue_id, user_id);

CREATE UNIQUE INDEX annotation_queues_project_id_name_key ON public.annotation_queues USING btree (project_id, name);

CREATE UNIQUE INDEX api_keys_fast_hashed_secret_key_key ON public.api_keys USING btree (fast_hashed_secret_key);

CREATE UNIQUE INDEX api_keys_hashed_secret_key_key ON public.api_keys USING btree (hashed_secret_key);

CREATE UNIQUE INDEX api_keys_id_key ON public.api_keys USING btree (id);

CREATE UNIQUE INDEX api_keys_public_key_key ON public.api_keys USING btree (public_key);

CREATE UNIQUE INDEX background_migrations_name_key ON public.background_migrations USING btree (name);

CREATE UNIQUE INDEX billing_meter_backups_stripe_customer_id_meter_id_start_tim_key ON public.billing_meter_backups USING btree (stripe_customer_id, meter_id, start_time, end_time);

CREATE UNIQUE INDEX comment_reactions_comment_id_user_id_emoji_key ON public.comment_reactions USING btree (comment_id, user_id, emoji);

CREATE UNIQUE INDEX dataset_item_media_item_version_field_path_key ON public.dataset_item_media USING btree (project_id, dataset_item_id, dataset_item_valid_from, field, json_path);

CREATE UNIQUE INDEX dataset_item_media_pending_key ON public.dataset_item_media USING btree (project_id, dataset_item_id, field, media_id) WHERE (dataset_item_valid_from IS NULL);

CREATE UNIQUE INDEX dataset_runs_dataset_id_project_id_name_key ON public.dataset_runs USING btree (dataset_id, project_id, name);

CREATE UNIQUE INDEX datasets_project_id_name_key ON public.datasets USING btree (project_id, name);

CREATE UNIQUE INDEX default_views_project_user_view_key ON public.default_views USING btree (project_id, user_id, view_name) WHERE (user_id IS NOT NULL);

CREATE UNIQUE INDEX default_views_project_view_key ON public.default_views USING btree (project_id, view_name) WHERE (user_id IS NULL);

CREATE UNIQUE INDEX eval_templates_project_id_name_version_key ON public.eval_templates USING btree (project_id, name, version);

CREATE UNIQUE INDEX evaluation_rule_assignments_rule_evaluator_key ON public.evaluation_rule_evaluator_assignments USING btree (evaluation_rule_id, evaluator_id);

CREATE UNIQUE INDEX evaluator_versions_evaluator_id_version_key ON public.evaluator_versions USING btree (evaluator_id, version DESC);

CREATE UNIQUE INDEX in_app_agent_runs_active_conversation_key ON public.in_app_agent_runs USING btree (project_id, conversation_id) WHERE (finished_at IS NULL);

CREATE UNIQUE INDEX llm_api_keys_id_key ON public.llm_api_keys USING btree (id);

CREATE UNIQUE INDEX llm_api_keys_project_id_provider_key ON public.llm_api_keys USING btree (project_id, provider);

CREATE UNIQUE INDEX llm_schemas_project_id_name_key ON public.llm_schemas USING btree (project_id, name);

CREATE UNIQUE INDEX llm_tools_project_id_name_key ON public.llm_tools USING btree (project_id, name);

CREATE UNIQUE INDEX media_project_id_id_key ON public.media USING btree (project_id, id);

CREATE UNIQUE INDEX media_project_id_sha_256_hash_key ON public.media USING btree (project_id, sha_256_hash);

CREATE UNIQUE INDEX membership_invitations_email_org_id_key ON public.membership_invitations USING btree (email, org_id);

CREATE UNIQUE INDEX membership_invitations_id_key ON public.membership_invitations USING btree (id);

CREATE UNIQUE INDEX models_project_id_model_name_start_date_unit_key ON public.models USING btree (project_id, model_name, start_date, unit);

CREATE UNIQUE INDEX notification_preferences_user_id_project_id_channel_type_key ON public.notification_preferences USING btree (user_id, project_id, channel, type);

CREATE UNIQUE INDEX observation_media_project_id_trace_id_observation_id_media__key ON public.observation_media USING btree (project_id, trace_id, observation_id, media_id, field);

CREATE UNIQUE INDEX organization_memberships_org_id_user_id_key ON public.organization_memberships USING btree (org_id, user_id);

CREATE UNIQUE INDEX prices_model_id_usage_type_pricing_tier_id_key ON public.prices USING btree (model_id, usage_type, pricing_tier_id);

CREATE UNIQUE INDEX pricing_tiers_model_id_name_key ON public.pricing_tiers USING btree (model_id, name);

CREATE UNIQUE INDEX pricing_tiers_model_id_priority_key ON public.pricing_tiers USING btree (model_id, priority);

CREATE UNIQUE INDEX prompt_protected_labels_project_id_label_key ON public.prompt_protected_labels USING btree (project_id, label);

CREATE UNIQUE INDEX prompts_project_id_name_version_key ON public.prompts USING btree (project_id, name, version);

CREATE UNIQUE INDEX score_configs_id_project_id_key ON public.score_configs USING btree (id, project_id);

CREATE UNIQUE INDEX slack_integrations_project_id_key ON public.slack_integrations USING btree (project_id);

CREATE UNIQUE INDEX table_view_presets_project_id_table_name_name_key ON public.table_view_presets USING btree (project_id, table_name, name);

CREATE UNIQUE INDEX trace_media_project_id_trace_id_media_id_field_key ON public.trace_media USING btree (project_id, trace_id, media_id, field);

CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email);

CREATE UNIQUE INDEX verification_tokens_identifier_token_key ON public.verification_tokens USING btree (identifier, token);

CREATE UNIQUE INDEX verification_tokens_token_key ON public.verification_tokens USING btree (token);

CREATE UNIQUE INDEX verified_domains_domain_verified_key ON public.verified_domains USING btree (domain) WHERE (verified_at IS NOT NULL);

CREATE UNIQUE INDEX verified_domains_organization_id_domain_key ON public.verified_domains USING btree (organization_id, domain);

CREATE UNIQUE INDEX verified_domains_verification_token_key ON public.verified_domains USING btree (verification_token);

ALTER TABLE ONLY public."Account"
    ADD CONSTRAINT "Account_user_id_fkey" FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public."Session"
    ADD CONSTRAINT "Session_user_id_fkey" FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.actions
    ADD CONSTRAINT actions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.annotation_queue_assignments
    ADD CONSTRAINT annotation_queue_assignments_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.annotation_queue_assignments
    ADD CONSTRAINT annotation_queue_assignments_queue_id_fkey FOREIGN KEY (queue_id) REFERENCES public.annotation_queues(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.annotation_queue_assignments
    ADD CONSTRAINT annotation_queue_assignments_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.annotation_queue_items
    ADD CONSTRAINT annotation_queue_items_annotator_user_id_fkey FOREIGN KEY (annotator_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.annotation_queue_items
    ADD CONSTRAINT annotation_queue_items_locked_by_user_id_fkey FOREIGN KEY (locked_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.annotation_queue_items
    ADD CONSTRAINT annotation_queue_items_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.annotation_queue_items
    ADD CONSTRAINT annotation_queue_items_queue_id_fkey FOREIGN KEY (queue_id) REFERENCES public.annotation_queues(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.annotation_queues
    ADD CONSTRAINT annotation_queues_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_created_by_api_key_id_fkey FOREIGN KEY (created_by_api_key_id) REFERENCES public.api_keys(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_created_by_user_id_fkey FOREIGN KEY (created_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automation_executions
    ADD CONSTRAINT automation_executions_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automation_executions
    ADD CONSTRAINT automation_executions_automation_id_fkey FOREIGN KEY (automation_id) REFERENCES public.automations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automation_executions
    ADD CONSTRAINT automation_executions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automation_executions
    ADD CONSTRAINT automation_executions_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.triggers(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automations
    ADD CONSTRAINT automations_action_id_fkey FOREIGN KEY (action_id) REFERENCES public.actions(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automations
    ADD CONSTRAINT automations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.automations
    ADD CONSTRAINT automations_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.triggers(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.batch_actions
    ADD CONSTRAINT batch_actions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.batch_exports
    ADD CONSTRAINT batch_exports_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.blob_storage_integrations
    ADD CONSTRAINT blob_storage_integrations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.cloud_spend_alerts
    ADD CONSTRAINT cloud_spend_alerts_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.comment_reactions
    ADD CONSTRAINT comment_reactions_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES public.comments(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.comment_reactions
    ADD CONSTRAINT comment_reactions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.comment_reactions
    ADD CONSTRAINT comment_reactions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.dashboard_widgets
    ADD CONSTRAINT dashboard_widgets_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.dashboard_widgets
    ADD CONSTRAINT dashboard_widgets_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.dashboard_widgets
    ADD CONSTRAINT dashboard_widgets_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.dashboards
    ADD CONSTRAINT dashboards_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.dashboards
    ADD CONSTRAINT dashboards_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.dashboards
    ADD CONSTRAINT dashboards_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.dataset_items
    ADD CONSTRAINT dataset_items_dataset_id_project_id_fkey FOREIGN KEY (dataset_id, project_id) REFERENCES public.datasets(id, project_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.dataset_runs
    ADD CONSTRAINT dataset_runs_dataset_id_project_id_fkey FOREIGN KEY (dataset_id, project_id) REFERENCES public.datasets(id, project_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.datasets
    ADD CONSTRAINT datasets_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.default_llm_models
    ADD CONSTRAINT default_llm_models_llm_api_key_id_fkey FOREIGN KEY (llm_api_key_id) REFERENCES public.llm_api_keys(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.default_llm_models
    ADD CONSTRAINT default_llm_models_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.default_views
    ADD CONSTRAINT default_views_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.default_views
    ADD CONSTRAINT default_views_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.eval_templates
    ADD CONSTRAINT eval_templates_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evaluation_rule_evaluator_assignments
    ADD CONSTRAINT evaluation_rule_evaluator_assignments_evaluation_rule_id_fkey FOREIGN KEY (evaluation_rule_id) REFERENCES public.evaluation_rules(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evaluation_rule_evaluator_assignments
    ADD CONSTRAINT evaluation_rule_evaluator_assignments_evaluator_id_fkey FOREIGN KEY (evaluator_id) REFERENCES public.evaluators(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evaluation_rule_evaluator_assignments
    ADD CONSTRAINT evaluation_rule_evaluator_assignments_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evaluation_rules
    ADD CONSTRAINT evaluation_rules_created_by_user_id_fkey FOREIGN KEY (created_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.evaluation_rules
    ADD CONSTRAINT evaluation_rules_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evaluator_versions
    ADD CONSTRAINT evaluator_versions_created_by_user_id_fkey FOREIGN KEY (created_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.evaluator_versions
    ADD CONSTRAINT evaluator_versions_evaluator_id_fkey FOREIGN KEY (evaluator_id) REFERENCES public.evaluators(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evaluators
    ADD CONSTRAINT evaluators_created_by_user_id_fkey FOREIGN KEY (created_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.evaluators
    ADD CONSTRAINT evaluators_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_conversations
    ADD CONSTRAINT in_app_agent_conversations_created_by_user_id_fkey FOREIGN KEY (created_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.in_app_agent_conversations
    ADD CONSTRAINT in_app_agent_conversations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_events
    ADD CONSTRAINT in_app_agent_events_conversation_id_project_id_fkey FOREIGN KEY (conversation_id, project_id) REFERENCES public.in_app_agent_conversations(id, project_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_events
    ADD CONSTRAINT in_app_agent_events_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_events
    ADD CONSTRAINT in_app_agent_events_run_id_project_id_fkey FOREIGN KEY (run_id, project_id) REFERENCES public.in_app_agent_runs(id, project_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_pending_tool_approvals
    ADD CONSTRAINT in_app_agent_pending_tool_approvals_conversation_id_projec_fkey FOREIGN KEY (conversation_id, project_id) REFERENCES public.in_app_agent_conversations(id, project_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_pending_tool_approvals
    ADD CONSTRAINT in_app_agent_pending_tool_approvals_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_runs
    ADD CONSTRAINT in_app_agent_runs_conversation_id_project_id_fkey FOREIGN KEY (conversation_id, project_id) REFERENCES public.in_app_agent_conversations(id, project_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_runs
    ADD CONSTRAINT in_app_agent_runs_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.in_app_agent_runs
    ADD CONSTRAINT in_app_agent_runs_triggered_by_user_id_fkey FOREIGN KEY (triggered_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.job_configurations
    ADD CONSTRAINT job_configurations_eval_template_id_fkey FOREIGN KEY (eval_template_id) REFERENCES public.eval_templates(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.job_configurations
    ADD CONSTRAINT job_configurations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.job_executions
    ADD CONSTRAINT job_executions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.llm_api_keys
    ADD CONSTRAINT llm_api_keys_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.llm_schemas
    ADD CONSTRAINT llm_schemas_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.llm_tools
    ADD CONSTRAINT llm_tools_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.media
    ADD CONSTRAINT media_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.membership_invitations
    ADD CONSTRAINT membership_invitations_invited_by_user_id_fkey FOREIGN KEY (invited_by_user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.membership_invitations
    ADD CONSTRAINT membership_invitations_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.membership_invitations
    ADD CONSTRAINT membership_invitations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.mixpanel_integrations
    ADD CONSTRAINT mixpanel_integrations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.models
    ADD CONSTRAINT models_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.monitors
    ADD CONSTRAINT monitors_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.monitors
    ADD CONSTRAINT monitors_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.monitors
    ADD CONSTRAINT monitors_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.notification_preferences
    ADD CONSTRAINT notification_preferences_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.notification_preferences
    ADD CONSTRAINT notification_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.organization_memberships
    ADD CONSTRAINT organization_memberships_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.organization_memberships
    ADD CONSTRAINT organization_memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.pending_deletions
    ADD CONSTRAINT pending_deletions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.posthog_integrations
    ADD CONSTRAINT posthog_integrations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_model_id_fkey FOREIGN KEY (model_id) REFERENCES public.models(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_pricing_tier_id_fkey FOREIGN KEY (pricing_tier_id) REFERENCES public.pricing_tiers(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prices
    ADD CONSTRAINT prices_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.pricing_tiers
    ADD CONSTRAINT pricing_tiers_model_id_fkey FOREIGN KEY (model_id) REFERENCES public.models(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.project_memberships
    ADD CONSTRAINT project_memberships_org_membership_id_fkey FOREIGN KEY (org_membership_id) REFERENCES public.organization_memberships(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.project_memberships
    ADD CONSTRAINT project_memberships_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.project_memberships
    ADD CONSTRAINT project_memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_home_dashboard_id_fkey FOREIGN KEY (home_dashboard_id) REFERENCES public.dashboards(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prompt_dependencies
    ADD CONSTRAINT prompt_dependencies_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.prompts(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prompt_dependencies
    ADD CONSTRAINT prompt_dependencies_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prompt_protected_labels
    ADD CONSTRAINT prompt_protected_labels_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.prompts
    ADD CONSTRAINT prompts_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.score_configs
    ADD CONSTRAINT score_configs_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.slack_integrations
    ADD CONSTRAINT slack_integrations_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.surveys
    ADD CONSTRAINT surveys_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.surveys
    ADD CONSTRAINT surveys_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.table_view_presets
    ADD CONSTRAINT table_view_presets_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.table_view_presets
    ADD CONSTRAINT table_view_presets_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.table_view_presets
    ADD CONSTRAINT table_view_presets_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL;

ALTER TABLE ONLY public.trace_sessions
    ADD CONSTRAINT trace_sessions_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.triggers
    ADD CONSTRAINT triggers_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.verified_domains
    ADD CONSTRAINT verified_domains_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.organizations(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.web_callout_endpoints
    ADD CONSTRAINT web_callout_endpoints_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON UPDATE CASCADE ON DELETE CASCADE;

