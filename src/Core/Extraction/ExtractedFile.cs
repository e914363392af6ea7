namespace Fetch.Build.Core.Extraction;

/// <summary>A regular file in an extracted tree. <see cref="RelativePath"/> uses '/'.</summary>
internal sealed record ExtractedFile(string RelativePath, long Size);
