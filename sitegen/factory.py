"""Pyodide's module factory (``pyodide.asm.mjs``) as the site ships it: Emscripten's start-up
linking made lighter, Pyodide's last start-up step without compiling Python source, and the
minified factory wrapped so that V8 compiles it early.

The page loads no side modules (``.so`` files), yet Emscripten's start-up links Pyodide's
main module as if any might come (``MAIN_MODULE``). Each change below is a text
replacement in the factory's source, expected exactly once (:func:`linked_lightly`), so
that a new Pyodide whose factory reads differently stops the build instead of shipping
half patched. Used by ``runtime`` (which minifies and caches the factory); measured with
bench/ab.py and recorded in bench/method.py's Levers.
"""

from __future__ import annotations

import re

from sitegen.errors import BuildError
from sitegen.layout import PYODIDE_FACTORY

#: Where Emscripten links the main module (``receiveInstance``): it gave every export
#: (about 8,600) a function-table slot and a GOT entry, for side modules that might import
#: them. Linked lazily, only the entries the main module imports itself are filled (280);
#: a side module's other entries would be made on its first import (``GOTHandler``) and
#: filled from the same exports (``reportUndefinedSymbols``, which finds a function's slot
#: when it has one). Ready about 25 to 40 ms sooner (the start's linking took about 85 ms
#: under Node, then about 60; one-off timings).
EAGER_GOT = b"updateGOT(origExports);LDSO.init();"
LAZY_GOT = (
    b"updateGOT(Object.fromEntries(Object.keys(GOT).filter(name=>name in origExports)"
    b".map(name=>[name,origExports[name]])));LDSO.init();"
)

#: Emscripten wraps a JavaScript function for the function table by compiling a tiny wasm
#: module that imports and re-exports it (``convertJsFunctionToWasm``), one per function:
#: 259 at start-up, for the JavaScript functions whose address the main module takes,
#: about 29 ms under Node (one-off timing). :data:`BATCH_CONVERSION` wraps them first, 64
#: to a module, and the one-by-one conversion hands back a function's batch wrapper when it
#: has one. A batch that cannot be made (a signature it cannot write) leaves its functions
#: to the one-by-one path, as before.
ONE_CONVERSION = b"var convertJsFunctionToWasm=(func,sig)=>{var bytes="
ONE_CONVERSION_CACHED = (
    b"var convertJsFunctionToWasm=(func,sig)=>{var converted=convertedJsFunctions.get(func);"
    b"if(converted)return converted;var bytes="
)
UNDEFINED_SYMBOLS = (
    b"var reportUndefinedSymbols=()=>{for(var[symName,entry]of Object.entries(GOT)){"
)
BATCH_CONVERSION = (
    b"var convertedJsFunctions=new Map;"
    b"var convertJsFunctionsToWasm=funcs=>{"
    b"var leb=n=>{var out=[];do{var low=n&127;n>>>=7;out.push(n?low|128:low)}while(n);return out};"
    b"var text=s=>[...leb(s.length),...Array.from(s,c=>c.charCodeAt(0))];"
    b"var section=(id,items)=>{var body=[...leb(items.length),...items.flat()];"
    b"return[id,...leb(body.length),...body]};"
    b"for(var start=0;start<funcs.length;start+=64){var batch=funcs.slice(start,start+64);"
    b"var types=batch.map(f=>[96,...generateTypePack(f.sig.slice(1)),"
    b'...generateTypePack(f.sig[0]==="v"?"":f.sig[0])]);'
    b'var imports=batch.map((f,i)=>[...text("e"),...text("f"+i),0,...leb(i)]);'
    b'var exports=batch.map((f,i)=>[...text("f"+i),0,...leb(i)]);'
    b"var instance;try{instance=new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from("
    b"[0,97,115,109,1,0,0,0,...section(1,types),...section(2,imports),...section(7,exports)])),"
    b'{e:Object.fromEntries(batch.map((f,i)=>["f"+i,f]))})}catch{continue}'
    b'batch.forEach((f,i)=>convertedJsFunctions.set(f,instance.exports["f"+i]))}};'
    b"var reportUndefinedSymbols=()=>{convertJsFunctionsToWasm([...new Set(Object.entries(GOT)"
    b".filter(([symName,entry])=>entry.value==-1)"
    b".map(([symName])=>resolveGlobalSymbol(symName,true).sym)"
    b'.filter(value=>typeof value=="function"&&typeof value.sig=="string"))]);'
    b"for(var[symName,entry]of Object.entries(GOT)){"
)

#: Pyodide's last start-up step (``finalizeBootstrap``) reached five Python objects by
#: running Python source: ``import _pyodide_core`` (``PyRun_SimpleString``), then a new dict,
#: ``importlib``, and ``__main__``'s and ``builtins``' namespaces through ``eval_code``, which
#: tokenizes (``tokenize``, to see whether a line ends in a semicolon), parses and compiles
#: each. The same objects come from the C import and from ``importlib.import_module``,
#: without the compiler, and ``tokenize`` is no longer run at start-up (the start-up hook
#: defers it). bench/ab.py: ready 1,126 to 1,088 ms (21 interleaved visits each).
CORE_BY_SOURCE = b'API.rawRun("import _pyodide_core")'
CORE_BY_IMPORT = (
    b'(()=>{let name=Module.stringToNewUTF8("_pyodide_core"),'
    b"core=Module._PyImport_ImportModule(name);Module._free(name);"
    b'if(!core){Module._PyErr_Print();return[1,"PyImport_ImportModule failed"]}'
    b'Module._Py_DecRef(core);return[0,""]})()'
)
OBJECTS_BY_SOURCE = (
    b'API.runPythonInternal_dict=API._pyodide._base.eval_code("{}"),'
    b'API.importlib=API.runPythonInternal("import importlib; importlib");'
    b"let o=API.importlib.import_module;"
    b'API.sys=o("sys"),API.os=o("os");'
    b'let i=API.runPythonInternal("import __main__; __main__.__dict__"),'
    b's=API.runPythonInternal("import builtins; builtins.__dict__");'
)
OBJECTS_BY_IMPORT = (
    b'API.importlib=API._pyodide._base.import_module("importlib");'
    b"let o=API.importlib.import_module;"
    b'API.runPythonInternal_dict=o("builtins").dict();'
    b'API.sys=o("sys"),API.os=o("os");'
    b'let i=o("__main__").__dict__,s=o("builtins").__dict__;'
)

#: (text, replacement) pairs, each text expected exactly once in the factory's source.
REPLACEMENTS = (
    (EAGER_GOT, LAZY_GOT),
    (ONE_CONVERSION, ONE_CONVERSION_CACHED),
    (UNDEFINED_SYMBOLS, BATCH_CONVERSION),
    (CORE_BY_SOURCE, CORE_BY_IMPORT),
    (OBJECTS_BY_SOURCE, OBJECTS_BY_IMPORT),
)

#: The minified factory's start and end (esbuild keeps the function's name and exports it
#: under a short alias).
FACTORY_START = b"async function _createPyodideModule("
FACTORY_END = re.compile(rb"var (\w+)=_createPyodideModule;export\{\1 as default\};\s*\Z")


def linked_lightly(source: bytes) -> bytes:
    """The factory's source with :data:`REPLACEMENTS` made. Raises ``BuildError`` if a text
    is not there exactly once (a new Pyodide: read its start-up code again)."""
    for text, replacement in REPLACEMENTS:
        found = source.count(text)
        if found != 1:
            raise BuildError(
                f"{PYODIDE_FACTORY}: expected the start-up text {text.decode()!r} "
                f"once, found it {found} times (see sitegen/factory.py)"
            )
        source = source.replace(text, replacement)
    return source


def eager(factory: bytes) -> bytes:
    """The minified factory as a function expression in parentheses, which V8 compiles with
    the module (on a background thread as the module streams in) instead of on its first
    call, when the worker's thread waits for it: the first call took 160 to 210 ms of that
    thread before it asked for the wasm. bench/ab.py: ready 1,213 to 1,192 ms and 1,188 to
    1,154 ms (15 and 25 interleaved visits). Raises ``BuildError`` if the factory does not
    start and end as esbuild writes it (``FACTORY_START``, ``FACTORY_END``)."""
    end = FACTORY_END.search(factory)
    if not factory.startswith(FACTORY_START) or end is None:
        raise BuildError(f"{PYODIDE_FACTORY}: not as esbuild minifies it (see sitegen/factory.py)")
    function = factory[: end.start()]
    return b"var _createPyodideModule=(" + function + b");" + factory[end.start() :]
