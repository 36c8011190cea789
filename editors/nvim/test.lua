-- The Neovim test (run by test.sh): the config of cognito-lint.lua on a copy of fixture/main.tf;
-- waits for the diagnostics, checks their codes and lines through vim.diagnostic.get(), applies
-- the fix's code action and checks the buffer's text. Exits 0 when all holds.
local function fail(message)
  io.stderr:write('nvim test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function codes_on_lines()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(found, string.format('%s@%d', tostring(code), d.lnum + 1))
  end
  table.sort(found)
  return table.concat(found, ' ')
end

local function wait_for(expected)
  local ok = vim.wait(30000, function() return codes_on_lines() == expected end, 50)
  if not ok then
    fail(string.format('expected diagnostics "%s", got "%s"', expected, codes_on_lines()))
  end
end

local function run()
  wait_for('COG201@5 COG202@5')
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = 4, character = 0 }, ['end'] = { line = 4, character = 80 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 30000) or {}
  local fix
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if action.title:find('^Fix COG201') then
        fix = action
      end
    end
  end
  if not fix then
    return fail('no "Fix COG201" code action')
  end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  local line = vim.api.nvim_buf_get_lines(0, 4, 5, true)[1]
  local expected = '  explicit_auth_flows           = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]'
  if line ~= expected then
    return fail('after the fix, line 5 is: ' .. line)
  end
  -- The edited buffer is linted again: the legacy flow is gone, the password flow stays.
  wait_for('COG202@5')
  io.stdout:write('nvim test: diagnostics, code action and buffer text as expected\n')
  vim.cmd('qall!')
end

vim.opt.runtimepath:prepend(vim.env.COGNITO_LINT_NVIM_DIR)
package.path = vim.env.COGNITO_LINT_NVIM_DIR .. '/?.lua;' .. package.path
require('cognito-lint').setup({ cmd = { vim.env.COGNITO_LINT, 'server' } })
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      fail(tostring(err))
    end
  end,
})
