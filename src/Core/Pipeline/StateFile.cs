using System.Globalization;
using System.Text;
using Fetch.Build.Core.Caching;
using Fetch.Build.Core.Extraction;
using Fetch.Build.Core.Pinning;
using Fetch.Build.Core.Requests;

namespace Fetch.Build.Core.Pipeline;

/// <summary>
/// The project's own record of what its last build placed (in obj/): a no-op build checks it
/// with file stats alone and never opens the cache. A mirror of the registry's placements,
/// never the authority: anything missing, unreadable or different sends the build the full way.
/// With the lock file on it also remembers the lock file as the build left it (<see cref="LockRecord"/>).
/// </summary>
internal static class StateFile
{
    private const string Header = "fetch-build-state 3";
    private const string LockLine = "lock\t";

    public static ProjectState Read(string path)
    {
        var result = new Dictionary<string, PlacedArtifact>(StringComparer.Ordinal);
        LockRecord? lockRecord = null;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            if (reader.ReadLine() != Header)
            {
                return ProjectState.None;
            }

            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith(LockLine, StringComparison.Ordinal))
                {
                    lockRecord = ReadLock(reader, line);
                    continue;
                }

                var parts = line.Split('\t');
                var files = int.Parse(parts[5], CultureInfo.InvariantCulture);
                var tree = files < 0 ? null : ReadTree(reader, files);
                var placement = new PlacementRecord(parts[6], parts[0], parts[1], parts[7].Length == 0 ? null : parts[7], Long(parts[3]), Long(parts[4]),
                    parts[8].Length == 0 ? null : parts[8]);
                result[placement.Path] = new PlacedArtifact(placement, Long(parts[2]), tree);
            }

            return new ProjectState(result, lockRecord);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            return ProjectState.None;
        }
    }

    /// <summary>
    /// Records what the destinations hold for the next no-op build; only a complete, successful run
    /// is worth recording. What it knows of the lock file is kept either way: which entries are this
    /// build's to remove later must survive a failed build.
    /// </summary>
    public static void Save(FetchSettings settings, IReadOnlyCollection<PlacedArtifact> placed, bool complete, LockRecord? lockRecord = null)
    {
        if (settings.StateFile is not { } path || settings.DesignTime)
        {
            return;
        }

        try
        {
            if (complete || lockRecord is not null)
            {
                Write(path, complete ? placed : [], lockRecord);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The state file only saves time; the next build takes the full path without it.
        }
    }

    public static void Write(string path, IEnumerable<PlacedArtifact> artifacts, LockRecord? lockRecord = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        if (lockRecord is not null)
        {
            text.Append(LockLine).Append(Number(lockRecord.Size)).Append('\t').Append(Number(lockRecord.MTimeTicks)).Append('\t')
                .Append(Number(lockRecord.Keys.Count)).Append('\t').Append(lockRecord.Path).Append('\n');
            foreach (var key in lockRecord.Keys)
            {
                text.Append(key).Append('\n');
            }
        }

        foreach (var artifact in artifacts)
        {
            var p = artifact.Placement;
            // Plain Appends: interpolating numbers instantiates generics the ReadyToRun image lacks.
            text.Append(p.RequestKey).Append('\t').Append(p.Sha256).Append('\t')
                .Append(Number(artifact.ArtifactSize)).Append('\t').Append(Number(p.Size)).Append('\t').Append(Number(p.MTimeTicks)).Append('\t')
                .Append(Number(artifact.Tree?.Count ?? -1)).Append('\t').Append(p.Path).Append('\t').Append(p.TreeKey).Append('\t').Append(p.Identity).Append('\n');
            foreach (var file in artifact.Tree ?? [])
            {
                text.Append(Number(file.Size)).Append('\t').Append(file.RelativePath).Append('\n');
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text.ToString(), Encoding.UTF8);
        File.Move(temp, path, overwrite: true);
    }

    private static LockRecord ReadLock(StreamReader reader, string line)
    {
        var parts = line.Split('\t', 5);
        var keys = new List<string>();
        for (var count = int.Parse(parts[3], CultureInfo.InvariantCulture); count > 0; count--)
        {
            keys.Add(reader.ReadLine() ?? throw new FormatException("state file ends inside the lock file's keys"));
        }

        return new LockRecord(parts[4], Long(parts[1]), Long(parts[2]), keys);
    }

    private static List<ExtractedFile> ReadTree(StreamReader reader, int count)
    {
        var files = new List<ExtractedFile>(count);
        for (var i = 0; i < count; i++)
        {
            var line = reader.ReadLine() ?? throw new FormatException("state file ends inside a tree");
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            files.Add(new ExtractedFile(line[(tab + 1)..], Long(line[..tab])));
        }

        return files;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Long(string text) => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
