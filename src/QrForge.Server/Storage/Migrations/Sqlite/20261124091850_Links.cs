using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QrForge.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Links : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    max_scans = table.Column<int>(type: "INTEGER", nullable: true),
                    cap_count = table.Column<int>(type: "INTEGER", nullable: false),
                    expired_url = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: true),
                    redirect_status = table.Column<int>(type: "INTEGER", nullable: false),
                    disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    style = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    link_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    device = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    os = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    browser = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    is_bot = table.Column<bool>(type: "INTEGER", nullable: false),
                    referrer_host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    visitor_hash = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scans", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_links_slug",
                table: "links",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_links_tenant_id_id",
                table: "links",
                columns: new[] { "tenant_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_link_id_id",
                table: "scans",
                columns: new[] { "link_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_link_id_occurred_at",
                table: "scans",
                columns: new[] { "link_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "IX_scans_tenant_id_occurred_at",
                table: "scans",
                columns: new[] { "tenant_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "links");

            migrationBuilder.DropTable(
                name: "scans");
        }
    }
}
