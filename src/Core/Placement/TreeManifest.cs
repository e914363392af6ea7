using System.Globalization;
using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Extraction;

namespace Fetch.Build.Core.Placement;

/// <summary>
/// The list of regular files in an extracted tree (size, '/'-path), kept in the cache under the
/// tree's key so an up-to-date check needs stats only, never a read of the files.
/// </summary>
internal static class TreeManifest
{
    /// <summary>A tree is its archive unpacked with these options: the same key, the same files.</summary>
    public static string KeyFor(string archiveSha256, ExtractionOptions options) =>
        UrlKeys.Hash(archiveSha256 + "\n" + options.Key)[..40];

    /// <summary>
    /// The first listed file under <paramref name="root"/> that is missing, resized, or written
    /// after <paramref name="notAfterTicks"/>; null when every one is as listed. Stats only.
    /// </summary>
    public static string? FirstChanged(string root, IReadOnlyList<ExtractedFile> files, long notAfterTicks)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.RelativePath);
            if (FileStamp.Of(path) is not { } stamp || stamp.Size != file.Size || stamp.MTimeTicks > notAfterTicks)
            {
                return path;
            }
        }

        return null;
    }

    public static void Write(string path, IEnumerable<ExtractedFile> files)
    {
        // Projects placing the same tree at once each write it: whole files, renamed over each other.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
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
