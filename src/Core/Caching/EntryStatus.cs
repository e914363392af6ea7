namespace Fetch.Build.Core.Caching;

/// <summary>Life of a registry row. Only READY rows are trusted.</summary>
internal static class EntryStatus
{
    public const string Uninitialized = "UNINITIALIZED";
    public const string Write = "WRITE";
    public const string Ready = "READY";
    public const string Failed = "FAILED";
    public const string Trash = "TRASH";
}
