using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace QrForge.Server.Storage;

/// <summary>Stores times as given (UTC) and reads them back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
