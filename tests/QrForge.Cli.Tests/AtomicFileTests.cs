namespace QrForge.Cli.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void WriteAll_Success_WritesEveryFileAndNoTemporaries()
    {
        using var dir = new TempDirectory();

        AtomicFile.WriteAll([(dir.File("a.bin"), s => s.Write([1, 2])), (dir.File("b.bin"), s => s.Write([3]))]);

        Assert.Equal([1, 2], File.ReadAllBytes(dir.File("a.bin")));
        Assert.Equal([3], File.ReadAllBytes(dir.File("b.bin")));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void WriteAll_WriterFailsHalfway_LeavesExistingFileAndNoTemporary()
    {
        using var dir = new TempDirectory();
        var path = dir.File("code.png");
        File.WriteAllText(path, "previous");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteAll([(path, s =>
        {
            s.Write(new byte[100]);
            throw new InvalidOperationException("renderer failed");
        })]));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriteAll_SecondFileFails_WritesNeither()
    {
        using var dir = new TempDirectory();

        Assert.Throws<IOException>(() => AtomicFile.WriteAll([
            (dir.File("a.bin"), s => s.Write([1])),
            (dir.File("b.bin"), _ => throw new IOException("disk full")),
        ]));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
