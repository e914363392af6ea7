namespace Fetch.Build.Core.Pipeline;

/// <summary>A file placed for an artifact. <see cref="RelativePath"/> and <see cref="Link"/> use '/'.</summary>
internal sealed record FetchedFile(string FullPath, string RelativePath, string Link);
