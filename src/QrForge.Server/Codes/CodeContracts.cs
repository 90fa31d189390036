namespace QrForge.Server.Codes;

/// <summary><c>POST /api/v1/codes</c>. <c>public</c> (default true): the image is served without sign-in. Exactly one of <c>data</c> and <c>data_base64</c>; at most one of <c>expiration_hours</c> and <c>expires_at</c>.</summary>
public sealed record CreateCodeRequest(
    string? Data,
    string? DataBase64,
    double? ExpirationHours,
    DateTimeOffset? ExpiresAt,
    string? Label,
    List<string>? Tags,
    string? Ecc,
    CodeStyle? Style,
    bool? Public = null);

/// <summary><c>PATCH /api/v1/codes/{id}</c>: only the fields given change; <c>never_expires: true</c> removes the expiry.</summary>
public sealed record UpdateCodeRequest(
    string? Label,
    List<string>? Tags,
    double? ExpirationHours,
    DateTimeOffset? ExpiresAt,
    bool? NeverExpires,
    CodeStyle? Style,
    bool? Public = null);

/// <summary>A code as the API shows it.</summary>
public sealed record CodeResponse(
    Guid Id,
    string? Data,
    string? DataBase64,
    string? Label,
    IReadOnlyList<string> Tags,
    string Ecc,
    int Version,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ExpiresAt,
    bool Expired,
    CodeStyle? Style,
    ImageUrls ImageUrls,
    bool Public);

/// <summary>Absolute URLs of the code's image in every format.</summary>
public sealed record ImageUrls(string Png, string Svg, string Pdf, string Eps, string Txt);

/// <summary>One page of codes; pass <c>next_cursor</c> as <c>cursor</c> for the next page (null at the end).</summary>
public sealed record CodePage(IReadOnlyList<CodeResponse> Items, string? NextCursor);

/// <summary>The original service's <c>POST /generate</c> body.</summary>
public sealed record GenerateRequest(string? Data, double? ExpirationHours);

/// <summary>The original service's <c>POST /generate</c> answer.</summary>
public sealed record GenerateResponse(Guid QrId, DateTime? ExpiresAt);

/// <summary>The original service's <c>GET /retrieve/{qr_id}</c> answer: <c>qr_code</c> is the absolute URL of the PNG.</summary>
public sealed record RetrieveResponse(string QrCode, string Data, DateTime? ExpiresAt);
