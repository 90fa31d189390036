using Microsoft.EntityFrameworkCore;

namespace QrForge.Server.Storage;

/// <summary>The SQLite flavour (embedded default).</summary>
public sealed class SqliteQrForgeDbContext(DbContextOptions<SqliteQrForgeDbContext> options, TenantContext tenant)
    : QrForgeDbContext(options, tenant);
