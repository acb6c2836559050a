namespace PodLife.ApiServer.Http;

/// <summary>Boolean query parameters read as kube-apiserver reads them (Go's strconv.ParseBool): Python's client sends "True".</summary>
public static class QueryFlag
{
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

    public static bool IsFalse(string? value) => value is "0" or "f" or "F" or "false" or "FALSE" or "False";
}
