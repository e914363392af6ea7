namespace Fetch.Build.Core.Extraction;

/// <summary>
/// A name checked by <see cref="EntryPath"/>: its components below the extraction root, or why it
/// is refused. No components and no refusal means the root itself (or a name stripped away).
/// </summary>
internal sealed record PathCheck(IReadOnlyList<string> Components, string? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public bool IsRoot => Refusal is null && Components.Count == 0;

    /// <summary>The path with '/' separators, as <see cref="ExtractedFile.RelativePath"/> has it.</summary>
    public string RelativePath => string.Join('/', Components);

    public static PathCheck Refused(string reason) => new([], reason);
}
