namespace PodLife.ApiServer.Http;

/// <summary>Boolean query parameters read as kube-apiserver reads them (Go's strconv.ParseBool): Python's client sends "True".</summary>
public static class QueryFlag
{
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

    public static bool IsFalse(string? value) => value is "0" or "f" or "F" or "false" or "FALSE" or "False";

    /// <summary>A flag parameter: absent or empty is false; what ParseBool refuses is a 400 with Go's message.</summary>
    public static bool Parse(string? value) => value switch
    {
        null or "" => false,
        var flag when IsTrue(flag) => true,
        var flag when IsFalse(flag) => false,
        var other => throw Errors.BadRequest($"strconv.ParseBool: parsing \"{other}\": invalid syntax"),
    };
}
