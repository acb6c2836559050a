namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary><c>test</c> and <c>[</c>: file tests, string tests and integer comparisons, with <c>!</c>.</summary>
internal static class TestExpression
{
    public static int Run(UtilityCall call)
    {
        var args = call.Args.ToList();
        if (call.Name == "[")
        {
            if (args.Count == 0 || args[^1] != "]")
            {
                call.Error("[: missing ]");
                return 2;
            }
            args.RemoveAt(args.Count - 1);
        }
        var negate = false;
        while (args.Count > 0 && args[0] == "!")
        {
            negate = !negate;
            args.RemoveAt(0);
        }
        bool? result = args switch
        {
            [] => false,
            [var s] => s.Length > 0,
            [var op, var operand] => Unary(call, op, operand),
            [var left, var op, var right] => Binary(op, left, right),
            _ => null,
        };
        if (result is null)
        {
            call.Error($"{call.Name}: syntax error");
            return 2;
        }
        return result.Value != negate ? 0 : 1;
    }

    static bool? Unary(UtilityCall call, string op, string operand)
    {
        var path = call.Resolve(operand);
        var fs = call.FileSystem;
        return op switch
        {
            "-e" => fs.IsFile(path) || fs.IsDirectory(path),
            "-f" => fs.IsFile(path),
            "-d" => fs.IsDirectory(path),
            "-s" => fs.Read(path) is { Length: > 0 },
            "-r" or "-w" => fs.IsFile(path) || fs.IsDirectory(path),
            "-z" => operand.Length == 0,
            "-n" => operand.Length > 0,
            _ => null,
        };
    }

    static bool? Binary(string op, string left, string right)
    {
        if (op is "=" or "==") return left == right;
        if (op == "!=") return left != right;
        if (!long.TryParse(left, out var a) || !long.TryParse(right, out var b)) return null;
        return op switch
        {
            "-eq" => a == b,
            "-ne" => a != b,
            "-lt" => a < b,
            "-le" => a <= b,
            "-gt" => a > b,
            "-ge" => a >= b,
            _ => null,
        };
    }
}
