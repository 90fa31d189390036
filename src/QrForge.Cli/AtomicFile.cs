namespace QrForge.Cli;

/// <summary>
/// Writes files so that a failure never leaves half a file: each is written to a temporary file in the
/// destination's directory, and only when every one is complete are they moved over their destinations.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes each file with its writer; on any failure the temporary files are removed and the error rethrown.</summary>
    /// <exception cref="IOException">A file could not be written or moved.</exception>
    /// <exception cref="UnauthorizedAccessException">A directory or file is not writable.</exception>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var temporaries = new List<string>(files.Count);
        try
        {
            foreach (var (path, write) in files)
            {
                var full = Path.GetFullPath(path);
                var temporary = Path.Combine(
                    Path.GetDirectoryName(full) ?? ".",
                    $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
                temporaries.Add(temporary);
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                write(stream);
                if (stream.CanWrite) // a writer that disposed the stream has already flushed it
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            for (var i = 0; i < files.Count; i++)
            {
                File.Move(temporaries[i], files[i].Path, overwrite: true);
            }
        }
        finally
        {
            // After a complete run every temporary has been moved and none exists; after a failure, remove what is left.
            foreach (var temporary in temporaries)
            {
                TryDelete(temporary);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
