namespace Fetch.Build.Core.Sources;

/// <summary>Bytes a source left in the partial file: how many crossed the network, and the validators the server gave.</summary>
internal sealed record SourcedContent(long TransferredBytes, string? ETag, string? LastModified);
