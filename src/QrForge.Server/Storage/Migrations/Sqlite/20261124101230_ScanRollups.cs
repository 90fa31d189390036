using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrForge.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScanRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_scans_link_id_occurred_at",
                table: "scans");

            migrationBuilder.DropIndex(
                name: "IX_scans_tenant_id_occurred_at",
                table: "scans");

            migrationBuilder.CreateTable(
                name: "scan_rollups",
                columns: table => new
                {
                    link_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    bucket_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_rollups", x => new { x.link_id, x.dimension, x.bucket_start, x.value });
                });

            migrationBuilder.CreateTable(
                name: "visitor_last_seen",
                columns: table => new
                {
                    link_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    visitor_hash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    last_start = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visitor_last_seen", x => new { x.link_id, x.visitor_hash });
                });

            migrationBuilder.CreateTable(
                name: "visitor_rollups",
                columns: table => new
                {
                    link_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bucket_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    previous_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visitor_rollups", x => new { x.link_id, x.bucket_start, x.previous_start });
                });

            migrationBuilder.CreateIndex(
                name: "IX_scans_link_id_tenant_id_occurred_at_is_bot_visitor_hash",
                table: "scans",
                columns: new[] { "link_id", "tenant_id", "occurred_at", "is_bot", "visitor_hash" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_tenant_id_occurred_at_is_bot_visitor_hash_link_id",
                table: "scans",
                columns: new[] { "tenant_id", "occurred_at", "is_bot", "visitor_hash", "link_id" });

            migrationBuilder.CreateIndex(
                name: "IX_scan_rollups_tenant_id_dimension_bucket_start",
                table: "scan_rollups",
                columns: new[] { "tenant_id", "dimension", "bucket_start" });

            // Roll up the scans stored before this migration.
            migrationBuilder.Sql(QrForge.Server.Scans.ScanRollups.BackfillSql(QrForge.Server.Scans.RollupSql.Sqlite));
            migrationBuilder.Sql(QrForge.Server.Scans.VisitorRollups.BackfillSql(QrForge.Server.Scans.RollupSql.Sqlite));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_rollups");

            migrationBuilder.DropTable(
                name: "visitor_last_seen");

            migrationBuilder.DropTable(
                name: "visitor_rollups");

            migrationBuilder.DropIndex(
                name: "IX_scans_link_id_tenant_id_occurred_at_is_bot_visitor_hash",
                table: "scans");

            migrationBuilder.DropIndex(
                name: "IX_scans_tenant_id_occurred_at_is_bot_visitor_hash_link_id",
                table: "scans");

            migrationBuilder.CreateIndex(
                name: "IX_scans_link_id_occurred_at",
                table: "scans",
                columns: new[] { "link_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_tenant_id_occurred_at",
                table: "scans",
                columns: new[] { "tenant_id", "occurred_at" });
        }
    }
}
