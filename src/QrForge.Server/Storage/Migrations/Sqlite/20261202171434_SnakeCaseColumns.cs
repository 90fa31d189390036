using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrForge.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SnakeCaseColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_api_keys_tenants_TenantId",
                table: "api_keys");

            migrationBuilder.DropForeignKey(
                name: "FK_memberships_tenants_TenantId",
                table: "memberships");

            migrationBuilder.DropForeignKey(
                name: "FK_memberships_users_UserId",
                table: "memberships");

            migrationBuilder.DropForeignKey(
                name: "FK_refresh_tokens_users_UserId",
                table: "refresh_tokens");

            migrationBuilder.RenameColumn(
                name: "Email",
                table: "users",
                newName: "email");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "users",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "PasswordHash",
                table: "users",
                newName: "password_hash");

            migrationBuilder.RenameColumn(
                name: "LockedUntil",
                table: "users",
                newName: "locked_until");

            migrationBuilder.RenameColumn(
                name: "FailedLogins",
                table: "users",
                newName: "failed_logins");

            migrationBuilder.RenameColumn(
                name: "DisabledAt",
                table: "users",
                newName: "disabled_at");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "users",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_users_Email",
                table: "users",
                newName: "IX_users_email");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "tenants",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "tenants",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "tenants",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_tenants_Name",
                table: "tenants",
                newName: "IX_tenants_name");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "refresh_tokens",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "refresh_tokens",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "UsedAt",
                table: "refresh_tokens",
                newName: "used_at");

            migrationBuilder.RenameColumn(
                name: "TokenHash",
                table: "refresh_tokens",
                newName: "token_hash");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "refresh_tokens",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "RevokedAt",
                table: "refresh_tokens",
                newName: "revoked_at");

            migrationBuilder.RenameColumn(
                name: "FamilyId",
                table: "refresh_tokens",
                newName: "family_id");

            migrationBuilder.RenameColumn(
                name: "ExpiresAt",
                table: "refresh_tokens",
                newName: "expires_at");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "refresh_tokens",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_UserId",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_user_id");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_TokenHash",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_token_hash");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_FamilyId",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_family_id");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_ExpiresAt",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_expires_at");

            migrationBuilder.RenameColumn(
                name: "Token",
                table: "passes",
                newName: "token");

            migrationBuilder.RenameColumn(
                name: "Jwt",
                table: "passes",
                newName: "jwt");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "passes",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "ValidUntil",
                table: "passes",
                newName: "valid_until");

            migrationBuilder.RenameColumn(
                name: "ValidFrom",
                table: "passes",
                newName: "valid_from");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "passes",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "passes",
                newName: "subject_id");

            migrationBuilder.RenameColumn(
                name: "RevokedAt",
                table: "passes",
                newName: "revoked_at");

            migrationBuilder.RenameColumn(
                name: "RevocationReason",
                table: "passes",
                newName: "revocation_reason");

            migrationBuilder.RenameColumn(
                name: "ReplacedBy",
                table: "passes",
                newName: "replaced_by");

            migrationBuilder.RenameColumn(
                name: "LastMovementAt",
                table: "passes",
                newName: "last_movement_at");

            migrationBuilder.RenameColumn(
                name: "KeyId",
                table: "passes",
                newName: "key_id");

            migrationBuilder.RenameColumn(
                name: "IsInside",
                table: "passes",
                newName: "is_inside");

            migrationBuilder.RenameColumn(
                name: "InsideCheckpoint",
                table: "passes",
                newName: "inside_checkpoint");

            migrationBuilder.RenameColumn(
                name: "EventId",
                table: "passes",
                newName: "event_id");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "passes",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_passes_TenantId_SubjectId",
                table: "passes",
                newName: "IX_passes_tenant_id_subject_id");

            migrationBuilder.RenameIndex(
                name: "IX_passes_TenantId_EventId_Id",
                table: "passes",
                newName: "IX_passes_tenant_id_event_id_id");

            migrationBuilder.RenameIndex(
                name: "IX_passes_EventId_RevokedAt",
                table: "passes",
                newName: "IX_passes_event_id_revoked_at");

            migrationBuilder.RenameIndex(
                name: "IX_passes_EventId_IsInside",
                table: "passes",
                newName: "IX_passes_event_id_is_inside");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "pass_subjects",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Kind",
                table: "pass_subjects",
                newName: "kind");

            migrationBuilder.RenameColumn(
                name: "Attributes",
                table: "pass_subjects",
                newName: "attributes");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "pass_subjects",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "pass_subjects",
                newName: "updated_at");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "pass_subjects",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "ExternalId",
                table: "pass_subjects",
                newName: "external_id");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "pass_subjects",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_pass_subjects_TenantId_Kind_ExternalId",
                table: "pass_subjects",
                newName: "IX_pass_subjects_tenant_id_kind_external_id");

            migrationBuilder.RenameIndex(
                name: "IX_pass_subjects_TenantId_Id",
                table: "pass_subjects",
                newName: "IX_pass_subjects_tenant_id_id");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "pass_signing_keys",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "pass_signing_keys",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "RotatedAt",
                table: "pass_signing_keys",
                newName: "rotated_at");

            migrationBuilder.RenameColumn(
                name: "RetiredAt",
                table: "pass_signing_keys",
                newName: "retired_at");

            migrationBuilder.RenameColumn(
                name: "PublicY",
                table: "pass_signing_keys",
                newName: "public_y");

            migrationBuilder.RenameColumn(
                name: "PublicX",
                table: "pass_signing_keys",
                newName: "public_x");

            migrationBuilder.RenameColumn(
                name: "ProtectedPrivateKey",
                table: "pass_signing_keys",
                newName: "protected_private_key");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "pass_signing_keys",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_pass_signing_keys_TenantId",
                table: "pass_signing_keys",
                newName: "IX_pass_signing_keys_tenant_id");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "pass_events",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Checkpoints",
                table: "pass_events",
                newName: "checkpoints");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "pass_events",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TimeZone",
                table: "pass_events",
                newName: "time_zone");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "pass_events",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "StartsAt",
                table: "pass_events",
                newName: "starts_at");

            migrationBuilder.RenameColumn(
                name: "EndsAt",
                table: "pass_events",
                newName: "ends_at");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "pass_events",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_pass_events_TenantId_Id",
                table: "pass_events",
                newName: "IX_pass_events_tenant_id_id");

            migrationBuilder.RenameColumn(
                name: "Result",
                table: "pass_checkins",
                newName: "result");

            migrationBuilder.RenameColumn(
                name: "Reason",
                table: "pass_checkins",
                newName: "reason");

            migrationBuilder.RenameColumn(
                name: "Offline",
                table: "pass_checkins",
                newName: "offline");

            migrationBuilder.RenameColumn(
                name: "Nonce",
                table: "pass_checkins",
                newName: "nonce");

            migrationBuilder.RenameColumn(
                name: "Direction",
                table: "pass_checkins",
                newName: "direction");

            migrationBuilder.RenameColumn(
                name: "Checkpoint",
                table: "pass_checkins",
                newName: "checkpoint");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "pass_checkins",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "pass_checkins",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "ScannedAt",
                table: "pass_checkins",
                newName: "scanned_at");

            migrationBuilder.RenameColumn(
                name: "RecordedAt",
                table: "pass_checkins",
                newName: "recorded_at");

            migrationBuilder.RenameColumn(
                name: "PassId",
                table: "pass_checkins",
                newName: "pass_id");

            migrationBuilder.RenameColumn(
                name: "EventId",
                table: "pass_checkins",
                newName: "event_id");

            migrationBuilder.RenameIndex(
                name: "IX_pass_checkins_TenantId_Nonce",
                table: "pass_checkins",
                newName: "IX_pass_checkins_tenant_id_nonce");

            migrationBuilder.RenameIndex(
                name: "IX_pass_checkins_PassId_ScannedAt",
                table: "pass_checkins",
                newName: "IX_pass_checkins_pass_id_scanned_at");

            migrationBuilder.RenameColumn(
                name: "Role",
                table: "memberships",
                newName: "role");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "memberships",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "memberships",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "memberships",
                newName: "tenant_id");

            migrationBuilder.RenameIndex(
                name: "IX_memberships_UserId",
                table: "memberships",
                newName: "IX_memberships_user_id");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "jwt_keys",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "RetiredAt",
                table: "jwt_keys",
                newName: "retired_at");

            migrationBuilder.RenameColumn(
                name: "PublicKey",
                table: "jwt_keys",
                newName: "public_key");

            migrationBuilder.RenameColumn(
                name: "ProtectedPrivateKey",
                table: "jwt_keys",
                newName: "protected_private_key");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "jwt_keys",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "Xml",
                table: "data_protection_keys",
                newName: "xml");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "data_protection_keys",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "FriendlyName",
                table: "data_protection_keys",
                newName: "friendly_name");

            migrationBuilder.RenameColumn(
                name: "Version",
                table: "codes",
                newName: "version");

            migrationBuilder.RenameColumn(
                name: "Tags",
                table: "codes",
                newName: "tags");

            migrationBuilder.RenameColumn(
                name: "Style",
                table: "codes",
                newName: "style");

            migrationBuilder.RenameColumn(
                name: "Revision",
                table: "codes",
                newName: "revision");

            migrationBuilder.RenameColumn(
                name: "Label",
                table: "codes",
                newName: "label");

            migrationBuilder.RenameColumn(
                name: "Ecc",
                table: "codes",
                newName: "ecc");

            migrationBuilder.RenameColumn(
                name: "Data",
                table: "codes",
                newName: "data");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "codes",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "codes",
                newName: "updated_at");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "codes",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "IsPublic",
                table: "codes",
                newName: "is_public");

            migrationBuilder.RenameColumn(
                name: "IsBinary",
                table: "codes",
                newName: "is_binary");

            migrationBuilder.RenameColumn(
                name: "ExpiresAt",
                table: "codes",
                newName: "expires_at");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "codes",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_codes_TenantId_Label",
                table: "codes",
                newName: "IX_codes_tenant_id_label");

            migrationBuilder.RenameIndex(
                name: "IX_codes_TenantId_Id",
                table: "codes",
                newName: "IX_codes_tenant_id_id");

            migrationBuilder.RenameIndex(
                name: "IX_codes_ExpiresAt",
                table: "codes",
                newName: "IX_codes_expires_at");

            migrationBuilder.RenameColumn(
                name: "Summary",
                table: "audit_entries",
                newName: "summary");

            migrationBuilder.RenameColumn(
                name: "At",
                table: "audit_entries",
                newName: "at");

            migrationBuilder.RenameColumn(
                name: "Action",
                table: "audit_entries",
                newName: "action");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "audit_entries",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "audit_entries",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "RequestId",
                table: "audit_entries",
                newName: "request_id");

            migrationBuilder.RenameColumn(
                name: "EntityType",
                table: "audit_entries",
                newName: "entity_type");

            migrationBuilder.RenameColumn(
                name: "EntityId",
                table: "audit_entries",
                newName: "entity_id");

            migrationBuilder.RenameColumn(
                name: "ClientIp",
                table: "audit_entries",
                newName: "client_ip");

            migrationBuilder.RenameColumn(
                name: "ActorKind",
                table: "audit_entries",
                newName: "actor_kind");

            migrationBuilder.RenameColumn(
                name: "ActorId",
                table: "audit_entries",
                newName: "actor_id");

            migrationBuilder.RenameIndex(
                name: "IX_audit_entries_TenantId_Id",
                table: "audit_entries",
                newName: "IX_audit_entries_tenant_id_id");

            migrationBuilder.RenameIndex(
                name: "IX_audit_entries_TenantId_EntityType_EntityId",
                table: "audit_entries",
                newName: "IX_audit_entries_tenant_id_entity_type_entity_id");

            migrationBuilder.RenameColumn(
                name: "Role",
                table: "api_keys",
                newName: "role");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "api_keys",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Hint",
                table: "api_keys",
                newName: "hint");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "api_keys",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "api_keys",
                newName: "tenant_id");

            migrationBuilder.RenameColumn(
                name: "SecretHash",
                table: "api_keys",
                newName: "secret_hash");

            migrationBuilder.RenameColumn(
                name: "RevokedAt",
                table: "api_keys",
                newName: "revoked_at");

            migrationBuilder.RenameColumn(
                name: "LastUsedAt",
                table: "api_keys",
                newName: "last_used_at");

            migrationBuilder.RenameColumn(
                name: "ExpiresAt",
                table: "api_keys",
                newName: "expires_at");

            migrationBuilder.RenameColumn(
                name: "CreatedBy",
                table: "api_keys",
                newName: "created_by");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "api_keys",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_api_keys_TenantId_Id",
                table: "api_keys",
                newName: "IX_api_keys_tenant_id_id");

            migrationBuilder.RenameIndex(
                name: "IX_api_keys_SecretHash",
                table: "api_keys",
                newName: "IX_api_keys_secret_hash");

            migrationBuilder.AddForeignKey(
                name: "FK_api_keys_tenants_tenant_id",
                table: "api_keys",
                column: "tenant_id",
                principalTable: "tenants",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_memberships_tenants_tenant_id",
                table: "memberships",
                column: "tenant_id",
                principalTable: "tenants",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_memberships_users_user_id",
                table: "memberships",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_refresh_tokens_users_user_id",
                table: "refresh_tokens",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_api_keys_tenants_tenant_id",
                table: "api_keys");

            migrationBuilder.DropForeignKey(
                name: "FK_memberships_tenants_tenant_id",
                table: "memberships");

            migrationBuilder.DropForeignKey(
                name: "FK_memberships_users_user_id",
                table: "memberships");

            migrationBuilder.DropForeignKey(
                name: "FK_refresh_tokens_users_user_id",
                table: "refresh_tokens");

            migrationBuilder.RenameColumn(
                name: "email",
                table: "users",
                newName: "Email");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "users",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "password_hash",
                table: "users",
                newName: "PasswordHash");

            migrationBuilder.RenameColumn(
                name: "locked_until",
                table: "users",
                newName: "LockedUntil");

            migrationBuilder.RenameColumn(
                name: "failed_logins",
                table: "users",
                newName: "FailedLogins");

            migrationBuilder.RenameColumn(
                name: "disabled_at",
                table: "users",
                newName: "DisabledAt");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "users",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_users_email",
                table: "users",
                newName: "IX_users_Email");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "tenants",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "tenants",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "tenants",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_tenants_name",
                table: "tenants",
                newName: "IX_tenants_Name");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "refresh_tokens",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "refresh_tokens",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "used_at",
                table: "refresh_tokens",
                newName: "UsedAt");

            migrationBuilder.RenameColumn(
                name: "token_hash",
                table: "refresh_tokens",
                newName: "TokenHash");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "refresh_tokens",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "revoked_at",
                table: "refresh_tokens",
                newName: "RevokedAt");

            migrationBuilder.RenameColumn(
                name: "family_id",
                table: "refresh_tokens",
                newName: "FamilyId");

            migrationBuilder.RenameColumn(
                name: "expires_at",
                table: "refresh_tokens",
                newName: "ExpiresAt");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "refresh_tokens",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_user_id",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_UserId");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_token_hash",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_TokenHash");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_family_id",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_FamilyId");

            migrationBuilder.RenameIndex(
                name: "IX_refresh_tokens_expires_at",
                table: "refresh_tokens",
                newName: "IX_refresh_tokens_ExpiresAt");

            migrationBuilder.RenameColumn(
                name: "token",
                table: "passes",
                newName: "Token");

            migrationBuilder.RenameColumn(
                name: "jwt",
                table: "passes",
                newName: "Jwt");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "passes",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "valid_until",
                table: "passes",
                newName: "ValidUntil");

            migrationBuilder.RenameColumn(
                name: "valid_from",
                table: "passes",
                newName: "ValidFrom");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "passes",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "subject_id",
                table: "passes",
                newName: "SubjectId");

            migrationBuilder.RenameColumn(
                name: "revoked_at",
                table: "passes",
                newName: "RevokedAt");

            migrationBuilder.RenameColumn(
                name: "revocation_reason",
                table: "passes",
                newName: "RevocationReason");

            migrationBuilder.RenameColumn(
                name: "replaced_by",
                table: "passes",
                newName: "ReplacedBy");

            migrationBuilder.RenameColumn(
                name: "last_movement_at",
                table: "passes",
                newName: "LastMovementAt");

            migrationBuilder.RenameColumn(
                name: "key_id",
                table: "passes",
                newName: "KeyId");

            migrationBuilder.RenameColumn(
                name: "is_inside",
                table: "passes",
                newName: "IsInside");

            migrationBuilder.RenameColumn(
                name: "inside_checkpoint",
                table: "passes",
                newName: "InsideCheckpoint");

            migrationBuilder.RenameColumn(
                name: "event_id",
                table: "passes",
                newName: "EventId");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "passes",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_passes_tenant_id_subject_id",
                table: "passes",
                newName: "IX_passes_TenantId_SubjectId");

            migrationBuilder.RenameIndex(
                name: "IX_passes_tenant_id_event_id_id",
                table: "passes",
                newName: "IX_passes_TenantId_EventId_Id");

            migrationBuilder.RenameIndex(
                name: "IX_passes_event_id_revoked_at",
                table: "passes",
                newName: "IX_passes_EventId_RevokedAt");

            migrationBuilder.RenameIndex(
                name: "IX_passes_event_id_is_inside",
                table: "passes",
                newName: "IX_passes_EventId_IsInside");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "pass_subjects",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "kind",
                table: "pass_subjects",
                newName: "Kind");

            migrationBuilder.RenameColumn(
                name: "attributes",
                table: "pass_subjects",
                newName: "Attributes");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "pass_subjects",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "updated_at",
                table: "pass_subjects",
                newName: "UpdatedAt");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "pass_subjects",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "external_id",
                table: "pass_subjects",
                newName: "ExternalId");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "pass_subjects",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_pass_subjects_tenant_id_kind_external_id",
                table: "pass_subjects",
                newName: "IX_pass_subjects_TenantId_Kind_ExternalId");

            migrationBuilder.RenameIndex(
                name: "IX_pass_subjects_tenant_id_id",
                table: "pass_subjects",
                newName: "IX_pass_subjects_TenantId_Id");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "pass_signing_keys",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "pass_signing_keys",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "rotated_at",
                table: "pass_signing_keys",
                newName: "RotatedAt");

            migrationBuilder.RenameColumn(
                name: "retired_at",
                table: "pass_signing_keys",
                newName: "RetiredAt");

            migrationBuilder.RenameColumn(
                name: "public_y",
                table: "pass_signing_keys",
                newName: "PublicY");

            migrationBuilder.RenameColumn(
                name: "public_x",
                table: "pass_signing_keys",
                newName: "PublicX");

            migrationBuilder.RenameColumn(
                name: "protected_private_key",
                table: "pass_signing_keys",
                newName: "ProtectedPrivateKey");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "pass_signing_keys",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_pass_signing_keys_tenant_id",
                table: "pass_signing_keys",
                newName: "IX_pass_signing_keys_TenantId");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "pass_events",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "checkpoints",
                table: "pass_events",
                newName: "Checkpoints");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "pass_events",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "time_zone",
                table: "pass_events",
                newName: "TimeZone");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "pass_events",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "starts_at",
                table: "pass_events",
                newName: "StartsAt");

            migrationBuilder.RenameColumn(
                name: "ends_at",
                table: "pass_events",
                newName: "EndsAt");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "pass_events",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_pass_events_tenant_id_id",
                table: "pass_events",
                newName: "IX_pass_events_TenantId_Id");

            migrationBuilder.RenameColumn(
                name: "result",
                table: "pass_checkins",
                newName: "Result");

            migrationBuilder.RenameColumn(
                name: "reason",
                table: "pass_checkins",
                newName: "Reason");

            migrationBuilder.RenameColumn(
                name: "offline",
                table: "pass_checkins",
                newName: "Offline");

            migrationBuilder.RenameColumn(
                name: "nonce",
                table: "pass_checkins",
                newName: "Nonce");

            migrationBuilder.RenameColumn(
                name: "direction",
                table: "pass_checkins",
                newName: "Direction");

            migrationBuilder.RenameColumn(
                name: "checkpoint",
                table: "pass_checkins",
                newName: "Checkpoint");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "pass_checkins",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "pass_checkins",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "scanned_at",
                table: "pass_checkins",
                newName: "ScannedAt");

            migrationBuilder.RenameColumn(
                name: "recorded_at",
                table: "pass_checkins",
                newName: "RecordedAt");

            migrationBuilder.RenameColumn(
                name: "pass_id",
                table: "pass_checkins",
                newName: "PassId");

            migrationBuilder.RenameColumn(
                name: "event_id",
                table: "pass_checkins",
                newName: "EventId");

            migrationBuilder.RenameIndex(
                name: "IX_pass_checkins_tenant_id_nonce",
                table: "pass_checkins",
                newName: "IX_pass_checkins_TenantId_Nonce");

            migrationBuilder.RenameIndex(
                name: "IX_pass_checkins_pass_id_scanned_at",
                table: "pass_checkins",
                newName: "IX_pass_checkins_PassId_ScannedAt");

            migrationBuilder.RenameColumn(
                name: "role",
                table: "memberships",
                newName: "Role");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "memberships",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "memberships",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "memberships",
                newName: "TenantId");

            migrationBuilder.RenameIndex(
                name: "IX_memberships_user_id",
                table: "memberships",
                newName: "IX_memberships_UserId");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "jwt_keys",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "retired_at",
                table: "jwt_keys",
                newName: "RetiredAt");

            migrationBuilder.RenameColumn(
                name: "public_key",
                table: "jwt_keys",
                newName: "PublicKey");

            migrationBuilder.RenameColumn(
                name: "protected_private_key",
                table: "jwt_keys",
                newName: "ProtectedPrivateKey");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "jwt_keys",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "xml",
                table: "data_protection_keys",
                newName: "Xml");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "data_protection_keys",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "friendly_name",
                table: "data_protection_keys",
                newName: "FriendlyName");

            migrationBuilder.RenameColumn(
                name: "version",
                table: "codes",
                newName: "Version");

            migrationBuilder.RenameColumn(
                name: "tags",
                table: "codes",
                newName: "Tags");

            migrationBuilder.RenameColumn(
                name: "style",
                table: "codes",
                newName: "Style");

            migrationBuilder.RenameColumn(
                name: "revision",
                table: "codes",
                newName: "Revision");

            migrationBuilder.RenameColumn(
                name: "label",
                table: "codes",
                newName: "Label");

            migrationBuilder.RenameColumn(
                name: "ecc",
                table: "codes",
                newName: "Ecc");

            migrationBuilder.RenameColumn(
                name: "data",
                table: "codes",
                newName: "Data");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "codes",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "updated_at",
                table: "codes",
                newName: "UpdatedAt");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "codes",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "is_public",
                table: "codes",
                newName: "IsPublic");

            migrationBuilder.RenameColumn(
                name: "is_binary",
                table: "codes",
                newName: "IsBinary");

            migrationBuilder.RenameColumn(
                name: "expires_at",
                table: "codes",
                newName: "ExpiresAt");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "codes",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_codes_tenant_id_label",
                table: "codes",
                newName: "IX_codes_TenantId_Label");

            migrationBuilder.RenameIndex(
                name: "IX_codes_tenant_id_id",
                table: "codes",
                newName: "IX_codes_TenantId_Id");

            migrationBuilder.RenameIndex(
                name: "IX_codes_expires_at",
                table: "codes",
                newName: "IX_codes_ExpiresAt");

            migrationBuilder.RenameColumn(
                name: "summary",
                table: "audit_entries",
                newName: "Summary");

            migrationBuilder.RenameColumn(
                name: "at",
                table: "audit_entries",
                newName: "At");

            migrationBuilder.RenameColumn(
                name: "action",
                table: "audit_entries",
                newName: "Action");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "audit_entries",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "audit_entries",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "request_id",
                table: "audit_entries",
                newName: "RequestId");

            migrationBuilder.RenameColumn(
                name: "entity_type",
                table: "audit_entries",
                newName: "EntityType");

            migrationBuilder.RenameColumn(
                name: "entity_id",
                table: "audit_entries",
                newName: "EntityId");

            migrationBuilder.RenameColumn(
                name: "client_ip",
                table: "audit_entries",
                newName: "ClientIp");

            migrationBuilder.RenameColumn(
                name: "actor_kind",
                table: "audit_entries",
                newName: "ActorKind");

            migrationBuilder.RenameColumn(
                name: "actor_id",
                table: "audit_entries",
                newName: "ActorId");

            migrationBuilder.RenameIndex(
                name: "IX_audit_entries_tenant_id_id",
                table: "audit_entries",
                newName: "IX_audit_entries_TenantId_Id");

            migrationBuilder.RenameIndex(
                name: "IX_audit_entries_tenant_id_entity_type_entity_id",
                table: "audit_entries",
                newName: "IX_audit_entries_TenantId_EntityType_EntityId");

            migrationBuilder.RenameColumn(
                name: "role",
                table: "api_keys",
                newName: "Role");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "api_keys",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "hint",
                table: "api_keys",
                newName: "Hint");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "api_keys",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "tenant_id",
                table: "api_keys",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "secret_hash",
                table: "api_keys",
                newName: "SecretHash");

            migrationBuilder.RenameColumn(
                name: "revoked_at",
                table: "api_keys",
                newName: "RevokedAt");

            migrationBuilder.RenameColumn(
                name: "last_used_at",
                table: "api_keys",
                newName: "LastUsedAt");

            migrationBuilder.RenameColumn(
                name: "expires_at",
                table: "api_keys",
                newName: "ExpiresAt");

            migrationBuilder.RenameColumn(
                name: "created_by",
                table: "api_keys",
                newName: "CreatedBy");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "api_keys",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "IX_api_keys_tenant_id_id",
                table: "api_keys",
                newName: "IX_api_keys_TenantId_Id");

            migrationBuilder.RenameIndex(
                name: "IX_api_keys_secret_hash",
                table: "api_keys",
                newName: "IX_api_keys_SecretHash");

            migrationBuilder.AddForeignKey(
                name: "FK_api_keys_tenants_TenantId",
                table: "api_keys",
                column: "TenantId",
                principalTable: "tenants",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_memberships_tenants_TenantId",
                table: "memberships",
                column: "TenantId",
                principalTable: "tenants",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_memberships_users_UserId",
                table: "memberships",
                column: "UserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_refresh_tokens_users_UserId",
                table: "refresh_tokens",
                column: "UserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
