using System.Text;
using TextEncoding = System.Text.Encoding;

namespace QrForge.Encoding.Tests.Oracles;

/// <summary>
/// The independent decoders and the reference encoder, found once for every oracle test, and a scratch directory
/// for images. A missing tool fails every test that needs it with the command that installs it: CI installs them
/// (<c>./build.sh test</c>), so a missing tool is an error, never a reason to skip.
/// </summary>
public sealed class OracleFixture : IDisposable
{
    /// <summary>Debian's Python: the one python3-segno is installed for (a pyenv python3 on PATH has no segno).</summary>
    public const string SystemPython = "/usr/bin/python3";

    private const string InstallHint =
        "Install them with: apt-get install -y --no-install-recommends zbar-tools zxing-cpp-tools python3-segno (or run ./build.sh test, which does).";

    private readonly string? _problem;
    private readonly ZbarReader? _zbar;
    private readonly ZxingReader? _zxing;
    private readonly SegnoOracle? _segno;
    private int _batches;

    public OracleFixture()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("qrforge-oracles-").FullName;
        var problems = new StringBuilder();

        var zbar = ToolProcess.FindOnPath("zbarimg");
        var zxing = ToolProcess.FindOnPath("ZXingReader");
        if (zbar is null)
        {
            problems.AppendLine("zbarimg (Debian package zbar-tools) is not on PATH.");
        }

        if (zxing is null)
        {
            problems.AppendLine("ZXingReader (Debian package zxing-cpp-tools) is not on PATH.");
        }

        if (!File.Exists(SystemPython))
        {
            problems.AppendLine($"{SystemPython} does not exist (Debian package python3).");
        }
        else
        {
            var check = ToolProcess.Run(SystemPython, ["-c", "import segno; print(segno.__version__)"], TimeSpan.FromSeconds(60));
            if (check.ExitCode != 0)
            {
                problems.AppendLine($"{SystemPython} cannot import segno (Debian package python3-segno): {check.Stderr.Trim()}");
            }
            else
            {
                SegnoVersion = TextEncoding.UTF8.GetString(check.Stdout).Trim();
            }
        }

        if (problems.Length > 0)
        {
            _problem = "The oracle tools are missing:" + Environment.NewLine + problems + InstallHint;
            return;
        }

        var separator = Path.Combine(WorkDirectory, "zbar-separator.pgm");
        Pgm.Write(separator, QrCode.EncodeText(ZbarReader.Separator, Ecc.M));
        _zbar = new ZbarReader(zbar!, separator);
        _zxing = new ZxingReader(zxing!);
        _segno = new SegnoOracle(SystemPython);
    }

    /// <summary>A private temporary directory, deleted with the fixture.</summary>
    public string WorkDirectory { get; }

    public string SegnoVersion { get; } = "";

    internal ZbarReader Zbar => Require(_zbar);

    internal ZxingReader Zxing => Require(_zxing);

    internal SegnoOracle Segno => Require(_segno);

    /// <summary>Fails the calling test when a tool is missing.</summary>
    public void EnsureTools()
    {
        if (_problem is not null)
        {
            Assert.Fail(_problem);
        }
    }

    /// <summary>A new empty directory for one batch of images.</summary>
    public string NewBatchDirectory() =>
        Directory.CreateDirectory(Path.Combine(WorkDirectory, "batch-" + Interlocked.Increment(ref _batches).ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory lives under the system temp directory.
        }
    }

    private T Require<T>(T? tool) where T : class
    {
        EnsureTools();
        return tool!;
    }
}

/// <summary>The oracle tests share one fixture and run one after another (they already use both cores).</summary>
[CollectionDefinition(Name)]
public sealed class OracleTestGroup : ICollectionFixture<OracleFixture>
{
    public const string Name = "Oracles";
}
