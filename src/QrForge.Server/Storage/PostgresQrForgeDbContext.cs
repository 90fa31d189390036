using Microsoft.EntityFrameworkCore;

namespace QrForge.Server.Storage;

/// <summary>The PostgreSQL flavour.</summary>
public sealed class PostgresQrForgeDbContext(DbContextOptions<PostgresQrForgeDbContext> options, TenantContext tenant)
    : QrForgeDbContext(options, tenant);
