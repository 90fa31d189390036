namespace QrForge.Scanning;

/// <summary>The outcome of reading one image (or several with <see cref="Scanner.ReadAll"/>). Immutable.</summary>
public sealed class ScanResult
{
    private IReadOnlyList<QrMessage>? _messages;

    internal ScanResult(ScanStatus status, IReadOnlyList<QrSymbol> symbols, string? error)
    {
        Status = status;
        Symbols = symbols;
        Error = error;
    }

    /// <summary>What happened; <see cref="ScanStatus.Found"/> when <see cref="Symbols"/> is not empty.</summary>
    public ScanStatus Status { get; }

    /// <summary>Whether at least one symbol was decoded.</summary>
    public bool IsSuccess => Status == ScanStatus.Found;

    /// <summary>The decoded symbols in the order found; empty unless <see cref="IsSuccess"/>.</summary>
    public IReadOnlyList<QrSymbol> Symbols { get; }

    /// <summary>A human-readable reason when not <see cref="IsSuccess"/>, else null.</summary>
    public string? Error { get; }

    /// <summary>The symbols as messages: structured append sequences joined (see <see cref="Scanner.Join"/>).</summary>
    public IReadOnlyList<QrMessage> Messages => _messages ??= Scanner.Join(Symbols);

    internal static ScanResult Failure(ScanStatus status, string error) => new(status, [], error);
}
