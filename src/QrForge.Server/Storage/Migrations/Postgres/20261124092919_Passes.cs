using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace QrForge.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Passes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pass_checkins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Nonce = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PassId = table.Column<Guid>(type: "uuid", nullable: true),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    Checkpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Direction = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ScannedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Offline = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pass_checkins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pass_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Checkpoints = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pass_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pass_signing_keys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublicX = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    PublicY = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ProtectedPrivateKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RotatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pass_signing_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pass_subjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attributes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pass_subjects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "passes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyId = table.Column<long>(type: "bigint", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Token = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Jwt = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReplacedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    IsInside = table.Column<bool>(type: "boolean", nullable: false),
                    InsideCheckpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastMovementAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_passes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pass_checkins_PassId_ScannedAt",
                table: "pass_checkins",
                columns: new[] { "PassId", "ScannedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_pass_checkins_TenantId_Nonce",
                table: "pass_checkins",
                columns: new[] { "TenantId", "Nonce" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pass_events_TenantId_Id",
                table: "pass_events",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_pass_signing_keys_TenantId",
                table: "pass_signing_keys",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_pass_subjects_TenantId_Id",
                table: "pass_subjects",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_pass_subjects_TenantId_Kind_ExternalId",
                table: "pass_subjects",
                columns: new[] { "TenantId", "Kind", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_passes_EventId_IsInside",
                table: "passes",
                columns: new[] { "EventId", "IsInside" });

            migrationBuilder.CreateIndex(
                name: "IX_passes_EventId_RevokedAt",
                table: "passes",
                columns: new[] { "EventId", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_passes_TenantId_EventId_Id",
                table: "passes",
                columns: new[] { "TenantId", "EventId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_passes_TenantId_SubjectId",
                table: "passes",
                columns: new[] { "TenantId", "SubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "pass_checkins");

            migrationBuilder.DropTable(
                name: "pass_events");

            migrationBuilder.DropTable(
                name: "pass_signing_keys");

            migrationBuilder.DropTable(
                name: "pass_subjects");

            migrationBuilder.DropTable(
                name: "passes");
        }
    }
}
