-- cognito-lint in Neovim's built-in LSP client, for Neovim 0.7 and later (Debian's is 0.7):
-- one `cognito-lint server` for the session, attached to every Terraform, tfvars and config
-- buffer. Put this file on 'runtimepath' (lua/cognito-lint.lua) and call
--   require('cognito-lint').setup({ settings = { ignore = { 'COG204' } } })
-- `cmd` overrides the command; `settings` takes the server's settings (see the README).
local M = {}

local patterns = { '*.tf', '*.tofu', '*.tf.json', '*.tofu.json', '*.tfvars', '.cognito-lint.hcl' }

function M.setup(opts)
  opts = opts or {}
  local client_id
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    pattern = patterns,
    callback = function(args)
      if not client_id then
        client_id = vim.lsp.start_client({
          name = 'cognito-lint',
          cmd = opts.cmd or { 'cognito-lint', 'server' },
          root_dir = vim.fn.getcwd(),
          init_options = opts.settings or vim.empty_dict(),
        })
      end
      if client_id then
        vim.lsp.buf_attach_client(args.buf, client_id)
      end
    end,
  })
end

return M
