using System.Diagnostics;

namespace QrForge.Server.Tests.Infrastructure;

/// <summary>Decodes an image with Debian's zbarimg, an independent reader.</summary>
internal static class ZbarReader
{
    public static async Task<string> ReadAsync(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qrforge-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            var psi = new ProcessStartInfo("zbarimg") { ArgumentList = { "--raw", "-q", file }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("zbarimg did not start (install zbar-tools)");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return output.TrimEnd('\n');
        }
        finally
        {
            File.Delete(file);
        }
    }
}
