namespace Fetch.Build.Core.Integrity;

internal enum DigestAlgorithm
{
    Md5,
    Sha256,
    Sha384,
    Sha512,
}
