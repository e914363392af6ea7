namespace Fetch.Build.Core.Placement;

/// <summary>The file-system facts the up-to-date check compares: size and last write time. One stat.</summary>
internal readonly record struct FileStamp(long Size, long MTimeTicks)
{
    public static FileStamp? Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : null;
    }
}
