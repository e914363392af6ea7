namespace Fetch.Build.TestSupport;

/// <summary>What the loopback server saw of one request.</summary>
public sealed record RecordedRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers);
