using System.Text;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Core.ProjectFiles;

/// <summary>
/// Reads and writes a project file for <see cref="ArtifactItemEditor"/>: its encoding kept (a byte
/// order mark stays, and so does its absence), written to a temp file beside it and renamed over it,
/// so the file is never half-written, and not written at all when nothing changes.
/// </summary>
internal static class ProjectFile
{
    /// <summary>The file's text, checked to be MSBuild XML (FB1006 otherwise), before anything is fetched for it.</summary>
    public static void Check(string path) => ArtifactItemEditor.Check(Read(path, out _), Path.GetFileName(path));

    public static ItemChange Write(string path, ArtifactItem item)
    {
        var text = Read(path, out var encoding);
        var edited = ArtifactItemEditor.Apply(text, Path.GetFileName(path), item, out var change);
        if (change == ItemChange.Unchanged)
        {
            return change;
        }

        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, edited, encoding);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return change;
    }

    private static string Read(string path, out Encoding encoding)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FetchException(DiagnosticCatalog.InvalidMetadata(path, $"the project file '{path}' cannot be read: {ex.Message}"));
        }

        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: bom);
        return Encoding.UTF8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
    }
}
