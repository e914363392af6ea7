using System.Globalization;
using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// The list of regular files in an extracted tree (size, '/'-path), kept beside the tree in the
/// cache so an up-to-date check needs stats only, never a read of the files.
/// </summary>
internal static class TreeManifest
{
    public static void Write(string path, IEnumerable<ExtractedFile> files)
    {
        var temp = path + ".tmp";
        File.WriteAllLines(temp, files.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Size}\t{f.RelativePath}")));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The manifest, or null when it is missing or unreadable.</summary>
    public static IReadOnlyList<ExtractedFile>? TryRead(string path)
    {
        try
        {
            var files = new List<ExtractedFile>();
            foreach (var line in File.ReadLines(path))
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab <= 0 || !long.TryParse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    return null;
                }

                files.Add(new ExtractedFile(line[(tab + 1)..], size));
            }

            return files;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
